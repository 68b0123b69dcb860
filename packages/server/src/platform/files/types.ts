/**
 * The file types the platform accepts, each recognised by its first bytes (magic numbers). The name the client gave
 * and the type it declared are its word; the bytes are not. A type not in this table is never stored.
 *
 * Every type belongs to a family (photo, video, audio, pdf, office): size limits are set per family
 * (`FILE_MAX_*_BYTES`), since a minute of video is a hundred photos.
 */
export interface FileType {
  /** Short name, used in rule ids (`jpeg_png_webp`). */
  name: FileTypeName;
  family: FileFamily;
  mime: string;
  /** Extension of the stored object's key. */
  ext: string;
  /** Other spellings of the MIME type that clients send. */
  aliases: readonly string[];
  matches(head: Buffer): boolean;
}

export const FILE_FAMILIES = ['photo', 'video', 'audio', 'pdf', 'office'] as const;
export type FileFamily = (typeof FILE_FAMILIES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** ISO base media (MP4, MOV, M4A, HEIC): the `ftyp` box first, then its major brand and compatible brands. */
function ftypBrands(b: Buffer): string[] | null {
  if (b.length < 12 || b.toString('latin1', 4, 8) !== 'ftyp') return null;
  const size = Math.min(b.readUInt32BE(0), b.length, 256);
  const brands = [b.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(b.toString('latin1', at, at + 4));
  return brands;
}
const majorBrand = (b: Buffer) => ftypBrands(b)?.[0] ?? null;

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ']);
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'MSNV',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
  'mmp4',
  'f4v ',
]);

/** MPEG audio frame sync (11 set bits), a layer and a bitrate index that are not reserved. */
function mpegFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const layer = (b[1]! >> 1) & 0x03;
  const bitrate = b[2]! >> 4;
  return layer !== 0 && bitrate !== 0x0f && (b[2]! & 0x0c) !== 0x0c;
}

/**
 * The names of the entries of a ZIP archive found in its head (local file headers, in archive order). Office Open
 * XML writers put `[Content_Types].xml`, `_rels/` and then the main part (`word/…`, `xl/…`) first.
 */
function zipEntryNames(b: Buffer): string[] {
  const names: string[] = [];
  for (let at = b.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0 && names.length < 64;) {
    if (at + 30 > b.length) break;
    const nameLength = b.readUInt16LE(at + 26);
    names.push(b.toString('latin1', at + 30, Math.min(b.length, at + 30 + nameLength)));
    at = b.indexOf('PK\x03\x04', at + 30 + nameLength, 'latin1');
  }
  return names;
}
const isZip = (b: Buffer) => b.length >= 4 && b.toString('latin1', 0, 4) === 'PK\x03\x04';
const officeMain = (b: Buffer, prefix: string) => isZip(b) && zipEntryNames(b).some((n) => n.startsWith(prefix));

export const FILE_TYPES = {
  jpeg: {
    name: 'jpeg',
    family: 'photo',
    mime: 'image/jpeg',
    ext: 'jpg',
    aliases: ['image/jpg', 'image/pjpeg'],
    matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  png: {
    name: 'png',
    family: 'photo',
    mime: 'image/png',
    ext: 'png',
    aliases: ['image/x-png'],
    matches: (b) => b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE),
  },
  webp: {
    name: 'webp',
    family: 'photo',
    mime: 'image/webp',
    ext: 'webp',
    aliases: [],
    matches: (b) => b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  heic: {
    name: 'heic',
    family: 'photo',
    mime: 'image/heic',
    ext: 'heic',
    aliases: ['image/heif', 'image/heic-sequence', 'image/heif-sequence'],
    matches: (b) => HEIF_BRANDS.has(majorBrand(b) ?? ''),
  },
  mp4: {
    name: 'mp4',
    family: 'video',
    mime: 'video/mp4',
    ext: 'mp4',
    aliases: ['video/x-m4v', 'video/3gpp', 'video/3gpp2'],
    matches: (b) => MP4_BRANDS.has(majorBrand(b) ?? ''),
  },
  mov: {
    name: 'mov',
    family: 'video',
    mime: 'video/quicktime',
    ext: 'mov',
    aliases: [],
    // QuickTime: an `ftyp` of brand `qt  `, or (older files) a movie, data or padding atom first.
    matches: (b) =>
      majorBrand(b) === 'qt  ' ||
      (b.length >= 8 && ['moov', 'mdat', 'wide'].includes(b.toString('latin1', 4, 8)) && b.readUInt32BE(0) >= 8),
  },
  m4a: {
    name: 'm4a',
    family: 'audio',
    mime: 'audio/mp4',
    ext: 'm4a',
    aliases: ['audio/x-m4a', 'audio/m4a'],
    matches: (b) => AUDIO_BRANDS.has(majorBrand(b) ?? ''),
  },
  mp3: {
    name: 'mp3',
    family: 'audio',
    mime: 'audio/mpeg',
    ext: 'mp3',
    aliases: ['audio/mp3', 'audio/x-mpeg'],
    matches: (b) => (b.length >= 10 && b.toString('latin1', 0, 3) === 'ID3') || mpegFrame(b),
  },
  amr: {
    name: 'amr',
    family: 'audio',
    mime: 'audio/amr',
    ext: 'amr',
    aliases: ['audio/amr-wb'],
    matches: (b) => b.toString('latin1', 0, 6) === '#!AMR\n' || b.toString('latin1', 0, 9) === '#!AMR-WB\n',
  },
  wav: {
    name: 'wav',
    family: 'audio',
    mime: 'audio/wav',
    ext: 'wav',
    aliases: ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
    matches: (b) => b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WAVE',
  },
  pdf: {
    name: 'pdf',
    family: 'pdf',
    mime: 'application/pdf',
    ext: 'pdf',
    aliases: ['application/x-pdf'],
    matches: (b) => b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-',
  },
  docx: {
    name: 'docx',
    family: 'office',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    aliases: [],
    matches: (b) => officeMain(b, 'word/'),
  },
  xlsx: {
    name: 'xlsx',
    family: 'office',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    aliases: [],
    matches: (b) => officeMain(b, 'xl/'),
  },
} as const satisfies Record<string, Omit<FileType, 'name'> & { name: string }>;

export type FileTypeName = keyof typeof FILE_TYPES;

/** The type names of a family, in table order. */
export const typesOf = (family: FileFamily): FileTypeName[] =>
  Object.values(FILE_TYPES)
    .filter((t) => t.family === family)
    .map((t) => t.name);

/** The type the first bytes show, or null when they are none of ours. */
export function detectType(head: Buffer): FileType | null {
  return (Object.values(FILE_TYPES) as FileType[]).find((t) => t.matches(head)) ?? null;
}

/**
 * The type a client declared (a part's Content-Type), when it names one of ours; null when it names none (absent,
 * `application/octet-stream`, something unknown): then the bytes alone decide.
 */
export function declaredType(contentType: string | undefined): FileType | null {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!mime) return null;
  return (
    (Object.values(FILE_TYPES) as FileType[]).find(
      (t) => t.mime === mime || (t.aliases as readonly string[]).includes(mime),
    ) ?? null
  );
}

/**
 * Whether the bytes' type is the one the client declared. MP4, M4A and MOV are one container (ISO base media): a
 * phone that labels its voice recording `video/mp4` or its video `video/quicktime` does not lie about the content.
 */
export function sameType(declared: FileType, bytes: FileType): boolean {
  const container = (t: FileType) => (['mp4', 'm4a', 'mov'].includes(t.name) ? 'isobmff' : t.name);
  return container(declared) === container(bytes);
}
