import { z } from 'zod';

/**
 * A signature captured on the phone (issue 11 §7), as documents read it: the signer's name and either the file id
 * of the drawn signature (a PNG uploaded as kind `signature`) or an explicit refusal to sign (拒绝签名, APL-51),
 * which prints as such. A typed name is never a signature: `signer` names who was asked, not that they signed.
 */
export const signatureCapture = z.union([
  z.object({ signer: z.string().trim().min(1).max(100), imageFileId: z.uuid() }).strict(),
  z.object({ signer: z.string().trim().min(1).max(100), refused: z.literal(true) }).strict(),
]);
export type SignatureCapture = z.infer<typeof signatureCapture>;
