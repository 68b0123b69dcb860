/** The device's location, as the browser gives it (WGS-84). */
export interface LngLat {
  lng: number;
  lat: number;
}

/** Asks the browser for the position; null when denied, unavailable or slow. */
export function devicePosition(timeoutMs = 8000): Promise<LngLat | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs + 500);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lng: round(p.coords.longitude), lat: round(p.coords.latitude) });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Whether the page may read the location without prompting. */
async function granted(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'geolocation' });
    return status.state === 'granted';
  } catch {
    return false;
  }
}

/** The device's position when the browser already allows it (no prompt), else null. */
export async function positionIfGranted(): Promise<LngLat | null> {
  return (await granted()) ? devicePosition(2000) : null;
}

/** Adds `position` to a step's body when the device has one (prompting only when `ask`). */
export async function withPosition<T extends Record<string, unknown>>(body: T, ask: boolean): Promise<T> {
  if (!ask && !(await granted())) return body;
  const position = await devicePosition(ask ? 5000 : 2000);
  return position ? { ...body, position } : body;
}

/**
 * What the phone knows about a photo it just took, for the upload (the file's own EXIF, where it has any, is kept in
 * preference): the time (the file's modification time: a camera capture is written when taken), the position fix
 * with its accuracy when the browser already allows it (no prompt), and the browser's device string.
 */
export async function captureFacts(file: Blob): Promise<Record<string, string | number>> {
  const facts: Record<string, string | number> = {};
  if (file instanceof File && file.lastModified > 0) facts['capturedAt'] = new Date(file.lastModified).toISOString();
  if (typeof navigator !== 'undefined' && navigator.userAgent) facts['device'] = navigator.userAgent.slice(0, 200);
  if (!(await granted())) return facts;
  const fix = await new Promise<GeolocationPosition | null>((resolve) =>
    navigator.geolocation.getCurrentPosition(resolve, () => resolve(null), { timeout: 2000, maximumAge: 60_000 }),
  );
  if (fix) {
    facts['lat'] = round(fix.coords.latitude);
    facts['lng'] = round(fix.coords.longitude);
    facts['accuracy'] = Math.round(fix.coords.accuracy * 10) / 10;
  }
  return facts;
}
