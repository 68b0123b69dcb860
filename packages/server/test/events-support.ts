import { eq } from 'drizzle-orm';
import { people, regions } from '../src/organization/organization.schema.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import type { TestServer } from './harness.ts';

/** A point well inside a region (the centre of its first ring's bounding box; demo grids are convex). */
export async function pointIn(s: TestServer, regionId: string): Promise<{ lng: number; lat: number }> {
  const [r] = await s.database.db.select({ b: regions.boundary }).from(regions).where(eq(regions.id, regionId));
  const ring = (r!.b as { coordinates: number[][][] }).coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { lng: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

/** The grid a demo user's person walks (grid workers) or null. */
export async function gridOfUser(s: TestServer, username: string): Promise<string | null> {
  const [u] = await s.database.db
    .select({ grid: people.gridId })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.username, username));
  return u?.grid ?? null;
}

/** The person id and team of a demo login. */
export async function personOf(s: TestServer, username: string) {
  const [u] = await s.database.db
    .select({ personId: users.personId, teamId: users.scopeTeamId })
    .from(users)
    .where(eq(users.username, username));
  return u!;
}

/** The smallest valid JPEG header: enough for the type check (evidence content is not parsed). */
export const TINY_JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

/** A multipart body with one file part. */
export function multipart(bytes: Buffer, filename: string, type: string) {
  const boundary = '----oe' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
