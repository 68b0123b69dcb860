import { z } from 'zod';

/** Keyset pagination: `cursor` is opaque; `limit` bounded so that no request can ask for the whole table. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });

/**
 * Search strings: bounded, trimmed, and free of control characters. SQL and HTML meta-characters are allowed
 * (they are data: queries are parameterised and the web escapes output).
 */
export const searchText = z
  .string()
  .trim()
  .max(100)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'no_control_characters');

/** A Chinese or Latin personal/organisation name: NFC-normalised, no control or private-use characters. */
export const displayName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(60)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\ue000-\uf8ff]+$/u, 'no_control_or_invisible_characters'),
  );

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'iso_date')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'valid_date');

/**
 * The largest value of PostgreSQL's `integer` (int4). An integer input stored in or compared with an int4 column is
 * bounded by it here: a larger one would fail in SQL ("out of range for type integer") instead of being refused.
 */
export const INT4_MAX = 2_147_483_647;

/** Optimistic-concurrency version of an editable aggregate (an int4 column). */
export const version = z.number().int().min(1).max(INT4_MAX);

// ── Building blocks of response contracts ────────────────────────────────────────────────────────────────────────

/**
 * An instant as the API sends it: ISO 8601 text (`2026-11-22T01:30:00.000Z`). A presenter may hand a Date; the wire
 * carries the text (what JSON.stringify writes), and that is the type clients get.
 */
export const instant = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.string());

/** Words in both languages of the interface (zh-CN first). */
export const bilingualText = z.object({ zh: z.string(), en: z.string() });
