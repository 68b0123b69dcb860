import type { FileType } from './types.ts';

export interface CaptureFacts {
  capturedAt: Date | null;
  lng: number | null;
  lat: number | null;
  device: string | null;
}

const NONE: CaptureFacts = { capturedAt: null, lng: null, lat: null, device: null };

/**
 * A camera's clock has no zone unless it writes OffsetTimeOriginal; the devices this platform serves are set to
 * China time, so a bare EXIF time is read as UTC+8 (not as the server's zone, which may be anything).
 */
const DEVICE_OFFSET = '+08:00';

/**
 * When, where and with what a photo was taken, from its EXIF block (in the head of the file), when it has one.
 * The facts are the device's word, kept beside the upload as the device wrote them (GPS: WGS-84); a file without
 * them, or with a broken block, simply has none.
 */
export async function captureFacts(head: Buffer, type: FileType): Promise<CaptureFacts> {
  if (type.name === 'pdf') return NONE;
  let tags: Record<string, unknown> | undefined;
  try {
    // Loaded on the first photo, not at start.
    const { default: exifr } = await import('exifr');
    tags = (await exifr.parse(head, {
      gps: true,
      reviveValues: false,
      // latitude/longitude are computed from the four GPS tags, which must be read for it.
      pick: [
        'DateTimeOriginal',
        'OffsetTimeOriginal',
        'Make',
        'Model',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    })) as Record<string, unknown> | undefined;
  } catch {
    return NONE;
  }
  if (!tags) return NONE;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const num = (v: unknown, max: number) =>
    typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max ? v : null;
  const device = [str(tags['Make']), str(tags['Model'])].filter(Boolean).join(' ').slice(0, 200) || null;
  const lat = num(tags['latitude'], 90);
  const lng = num(tags['longitude'], 180);
  // 0,0 is what a device without a fix writes.
  const place = lat !== null && lng !== null && !(lat === 0 && lng === 0);
  return {
    capturedAt: exifTime(str(tags['DateTimeOriginal']), str(tags['OffsetTimeOriginal'])),
    lat: place ? lat : null,
    lng: place ? lng : null,
    device,
  };
}

/** `2026:11:21 09:30:00` (+ `+08:00`) → an instant; null when malformed. */
function exifTime(value: string | null, offset: string | null): Date | null {
  const m = value && /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : DEVICE_OFFSET;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(at.getTime()) ? null : at;
}
