/**
 * The file types the platform accepts, each recognised by its first bytes (magic numbers). The name the client gave
 * and the type it declared are its word; the bytes are not. A type not in this table is never stored.
 */
export interface FileType {
  /** Short name, used in rule ids (`jpeg_png_webp`). */
  name: 'jpeg' | 'png' | 'webp' | 'pdf';
  mime: string;
  /** Extension of the stored object's key. */
  ext: string;
  /** Other spellings of the MIME type that clients send. */
  aliases: readonly string[];
  matches(head: Buffer): boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const FILE_TYPES = {
  jpeg: {
    name: 'jpeg',
    mime: 'image/jpeg',
    ext: 'jpg',
    aliases: ['image/jpg', 'image/pjpeg'],
    matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  png: {
    name: 'png',
    mime: 'image/png',
    ext: 'png',
    aliases: ['image/x-png'],
    matches: (b) => b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE),
  },
  webp: {
    name: 'webp',
    mime: 'image/webp',
    ext: 'webp',
    aliases: [],
    matches: (b) => b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  pdf: {
    name: 'pdf',
    mime: 'application/pdf',
    ext: 'pdf',
    aliases: ['application/x-pdf'],
    matches: (b) => b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-',
  },
} as const satisfies Record<string, FileType>;

export type FileTypeName = keyof typeof FILE_TYPES;

/** The type the first bytes show, or null when they are none of ours. */
export function detectType(head: Buffer): FileType | null {
  return Object.values(FILE_TYPES).find((t) => t.matches(head)) ?? null;
}

/**
 * The type a client declared (a part's Content-Type), when it names one of ours; null when it names none (absent,
 * `application/octet-stream`, something unknown): then the bytes alone decide.
 */
export function declaredType(contentType: string | undefined): FileType | null {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!mime) return null;
  return (
    Object.values(FILE_TYPES).find((t) => t.mime === mime || (t.aliases as readonly string[]).includes(mime)) ?? null
  );
}
