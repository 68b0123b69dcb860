/**
 * The first bytes of each file type the platform accepts, built by hand (no fixtures to keep): enough for the
 * magic-number check, padded to any size.
 */
const pad = (head: Buffer, size: number, fill = 0x41) =>
  size > head.length ? Buffer.concat([head, Buffer.alloc(size - head.length, fill)]) : head;

/** An ISO base media file: an `ftyp` box with the major brand and one compatible brand, then an `mdat`. */
const isoMedia = (brand: string, compatible = 'isom') => {
  const ftyp = Buffer.alloc(16);
  ftyp.writeUInt32BE(16, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.write(compatible, 12, 'latin1');
  const mdat = Buffer.from([0, 0, 0, 8, 0x6d, 0x64, 0x61, 0x74]);
  return Buffer.concat([ftyp, mdat]);
};

/** A ZIP archive's local file headers with these entry names (empty, stored): enough to tell DOCX from XLSX. */
const zip = (...names: string[]) =>
  Buffer.concat(
    names.map((name) => {
      const h = Buffer.alloc(30);
      h.write('PK\x03\x04', 0, 'latin1');
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(Buffer.byteLength(name), 26);
      return Buffer.concat([h, Buffer.from(name, 'latin1')]);
    }),
  );

export const SAMPLES = {
  jpeg: () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]),
  png: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  webp: () => Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'),
  heic: () => isoMedia('heic', 'mif1'),
  mp4: () => isoMedia('isom', 'avc1'),
  mov: () => isoMedia('qt  ', 'qt  '),
  m4a: () => isoMedia('M4A ', 'mp42'),
  mp3: () => Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
  amr: () => Buffer.from('#!AMR\n\x3c', 'latin1'),
  wav: () => Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'),
  pdf: () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  docx: () => zip('[Content_Types].xml', '_rels/.rels', 'word/document.xml'),
  xlsx: () => zip('[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'),
} as const;

/** A sample of the type, `size` bytes long. */
export const sample = (type: keyof typeof SAMPLES, size = 0) => pad(SAMPLES[type](), size);

/** An MPEG audio frame header without an ID3 tag (MPEG-1 layer III, 128 kbit/s, 44.1 kHz). */
export const MP3_FRAME = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]);
