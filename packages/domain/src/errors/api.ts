import { z } from 'zod';
import { ERRORS, type ErrorCode } from './catalogue.ts';

/*
 * The error shape as a response contract: every route declares it for its 4xx and 5xx answers (the HTTP layer adds it
 * where a route names none), so the OpenAPI document describes failures too and clients type them from here.
 */

export const bilingual = z.object({ zh: z.string(), en: z.string() });

/** One detail: which field (JSON path, or a row and column of an imported file) broke which rule, in words. */
export const apiErrorDetail = z.object({
  path: z.string(),
  rule: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  /** The rule's words: its own where it brought them (a guard naming the status), else the rule catalogue's. */
  message: bilingual,
});

export const apiError = z
  .object({
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
    message: bilingual,
    details: z.array(apiErrorDetail),
    requestId: z.string().optional(),
  })
  // One component of the OpenAPI document (`#/components/schemas/ApiError`), referenced by every route's 4xx and 5xx.
  .meta({ id: 'ApiError', description: '错误 Error: {code, message: {zh, en}, details: [{path, rule, message}]}' });
export type ApiError = z.infer<typeof apiError>;
