/*
 * China Standard Time (UTC+8, no daylight saving since 1991), the one time zone in which deadlines, working days,
 * validity dates and document dates are counted. Every conversion between an instant and a China date or clock time
 * goes through here.
 */

export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The IANA name, for SQL (`AT TIME ZONE`) and Intl. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** The China date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China date starts (00:00 China time). */
export function chinaMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The instant of a China date at a China clock time (`HH:MM`). */
export function chinaAt(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/** "MM-DD HH:MM" in China time: short enough for a notification title. */
export function chinaShort(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');
}

/** Milliseconds since the China midnight that starts the instant's day. */
export function chinaTimeOfDayMs(instant: Date): number {
  const local = instant.getTime() + CHINA_OFFSET_MS;
  return local - Date.parse(`${new Date(local).toISOString().slice(0, 10)}T00:00:00Z`);
}
