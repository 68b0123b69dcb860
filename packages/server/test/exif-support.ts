/**
 * A tiny JPEG carrying an EXIF block (camera make and model, DateTimeOriginal, GPS), built byte by byte so that the
 * tests need no image tool: what a phone camera writes into a photo, in the smallest form a reader accepts.
 */
export function jpegWithExif(o: {
  takenAt: string;
  offset?: string;
  lat: number;
  lng: number;
  make: string;
  model: string;
}) {
  type Entry = { tag: number; type: 2 | 4 | 5; count: number; data: Buffer };
  const ascii = (s: string) => Buffer.from(`${s}\0`, 'latin1');
  const long = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const dms = (deg: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 10_000);
    const b = Buffer.alloc(24);
    [d, 1, m, 1, s, 10_000].forEach((v, i) => b.writeUInt32BE(v, i * 4));
    return b;
  };
  // An IFD at `start` (offset from the TIFF header): entries, next-IFD offset 0, then the values that do not fit.
  const ifd = (start: number, entries: Entry[], pointers: Map<number, () => number> = new Map()) => {
    const head = Buffer.alloc(2 + entries.length * 12 + 4);
    head.writeUInt16BE(entries.length);
    const extra: Buffer[] = [];
    let at = start + head.length;
    entries.forEach((e, i) => {
      const p = 2 + i * 12;
      head.writeUInt16BE(e.tag, p);
      head.writeUInt16BE(e.type, p + 2);
      head.writeUInt32BE(e.count, p + 4);
      const data = pointers.has(e.tag) ? long(pointers.get(e.tag)!()) : e.data;
      if (data.length <= 4) data.copy(head, p + 8);
      else {
        head.writeUInt32BE(at, p + 8);
        extra.push(data);
        at += data.length;
      }
    });
    return Buffer.concat([head, ...extra]);
  };
  const exifEntries: Entry[] = [{ tag: 0x9003, type: 2, count: 20, data: ascii(o.takenAt) }];
  if (o.offset) exifEntries.push({ tag: 0x9011, type: 2, count: 7, data: ascii(o.offset) });
  const gpsEntries: Entry[] = [
    { tag: 0x0001, type: 2, count: 2, data: ascii(o.lat >= 0 ? 'N' : 'S') },
    { tag: 0x0002, type: 5, count: 3, data: dms(Math.abs(o.lat)) },
    { tag: 0x0003, type: 2, count: 2, data: ascii(o.lng >= 0 ? 'E' : 'W') },
    { tag: 0x0004, type: 5, count: 3, data: dms(Math.abs(o.lng)) },
  ];
  const ifd0Entries: Entry[] = [
    { tag: 0x010f, type: 2, count: o.make.length + 1, data: ascii(o.make) },
    { tag: 0x0110, type: 2, count: o.model.length + 1, data: ascii(o.model) },
    { tag: 0x8769, type: 4, count: 1, data: long(0) },
    { tag: 0x8825, type: 4, count: 1, data: long(0) },
  ];
  // Lay out IFD0, then the EXIF IFD, then the GPS IFD; the pointers are known once IFD0's size is.
  const size0 = ifd(8, ifd0Entries).length;
  const exifAt = 8 + size0;
  const exifIfd = ifd(exifAt, exifEntries);
  const gpsAt = exifAt + exifIfd.length;
  const ifd0 = ifd(
    8,
    ifd0Entries,
    new Map([
      [0x8769, () => exifAt],
      [0x8825, () => gpsAt],
    ]),
  );
  const tiff = Buffer.concat([Buffer.from('MM\0*', 'latin1'), long(8), ifd0, exifIfd, ifd(gpsAt, gpsEntries)]);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), len, app1, Buffer.from([0xff, 0xd9])]);
}
