import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { MatterVersion } from '@openenforce/domain/catalog';
import { likeEscape, type Db } from '../platform/db/index.ts';
import { matterLists, matters, matterVersions } from './catalog.schema.ts';

export type MatterRow = typeof matters.$inferSelect;

/** The searchable columns of `matters`, from a version: rewritten with every new version. */
export function matterColumns(v: MatterVersion) {
  const lawNames = [...new Set([v.legalBasis.law, v.penaltyBasis?.law].filter(Boolean))].join(' ');
  return {
    code: v.code,
    name: v.name,
    kind: v.kind,
    domain: v.domain,
    listType: v.listType,
    sourceDepartment: v.sourceDepartment,
    lawNames,
    // Lower-cased once here so that search can use LIKE: ILIKE on multi-byte text is several times slower.
    searchText: [v.name, v.code ?? '', lawNames].join(' ').toLowerCase(),
    published: v.published,
    withdrawn: v.withdrawn,
    firstViolationWaiver: v.flags.firstViolationWaiver,
    lightViolationCommitment: v.flags.lightViolationCommitment,
    highFrequency: v.flags.highFrequency,
    effectiveFrom: v.effectiveFrom,
    version: v.version,
  };
}

export interface SearchOptions {
  q?: string | undefined;
  domain?: string | undefined;
  listType?: string | undefined;
  kind?: string | undefined;
  publishedOnly?: boolean;
  /** Only these matters (a published list). */
  ids?: string[];
  /** Offset into the ranked result; search results are ranked, so their page key is their rank position. */
  offset: number;
  limit: number;
}

export const catalogRepository = {
  async insertMatter(db: Db, id: string, v: MatterVersion, actorId: string | null, now: Date) {
    await db.insert(matters).values({ id, ...matterColumns(v), createdAt: now, updatedAt: now });
    await db.insert(matterVersions).values({
      matterId: id,
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      announcement: v.announcement,
      data: v,
      createdAt: now,
      createdBy: actorId,
    });
  },

  /**
   * Set-based insert of many new matters (imports, seeding): two statements per chunk, each row's values passed as
   * column arrays through unnest — one parameter per column instead of one per cell.
   */
  async insertMatters(db: Db, rows: { id: string; v: MatterVersion }[], actorId: string | null, now: Date) {
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      const c = chunk.map((r) => matterColumns(r.v));
      const col = <K extends keyof ReturnType<typeof matterColumns>>(k: K) => sql.param(c.map((x) => x[k]));
      await db.execute(sql`
        INSERT INTO matters (id, code, name, kind, domain, list_type, source_department, law_names, search_text, published,
          withdrawn, first_violation_waiver, light_violation_commitment, high_frequency, effective_from, version,
          created_at, updated_at)
        SELECT u.*, ${now}::timestamptz, ${now}::timestamptz FROM unnest(
          ${sql.param(chunk.map((r) => r.id))}::uuid[], ${col('code')}::text[], ${col('name')}::text[], ${col('kind')}::text[],
          ${col('domain')}::text[], ${col('listType')}::text[], ${col('sourceDepartment')}::text[], ${col('lawNames')}::text[],
          ${col('searchText')}::text[], ${col('published')}::boolean[], ${col('withdrawn')}::boolean[],
          ${col('firstViolationWaiver')}::boolean[], ${col('lightViolationCommitment')}::boolean[], ${col('highFrequency')}::boolean[],
          ${col('effectiveFrom')}::date[], ${col('version')}::int[]) AS u`);
      await db.execute(sql`
        INSERT INTO matter_versions (matter_id, version, effective_from, announcement, data, created_at, created_by)
        SELECT u.matter_id, u.version, u.effective_from, u.announcement, u.data::jsonb, ${now}::timestamptz, ${actorId}
          FROM unnest(${sql.param(chunk.map((r) => r.id))}::uuid[], ${sql.param(chunk.map((r) => r.v.version))}::int[],
            ${sql.param(chunk.map((r) => r.v.effectiveFrom))}::date[], ${sql.param(chunk.map((r) => r.v.announcement))}::text[],
            ${sql.param(chunk.map((r) => JSON.stringify(r.v)))}::text[]) AS u(matter_id, version, effective_from, announcement, data)`);
    }
  },

  /** Append version n+1 and point the searchable columns at it. */
  async appendVersion(db: Db, id: string, v: MatterVersion, actorId: string | null, now: Date) {
    await db.insert(matterVersions).values({
      matterId: id,
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      announcement: v.announcement,
      data: v,
      createdAt: now,
      createdBy: actorId,
    });
    await db
      .update(matters)
      .set({ ...matterColumns(v), updatedAt: now })
      .where(eq(matters.id, id));
  },

  async lockMatter(db: Db, id: string): Promise<MatterRow | undefined> {
    return (await db.select().from(matters).where(eq(matters.id, id)).for('update'))[0];
  },

  async latestVersion(db: Db, id: string): Promise<MatterVersion | undefined> {
    const rows = await db
      .select({ data: matterVersions.data })
      .from(matterVersions)
      .where(eq(matterVersions.matterId, id))
      .orderBy(desc(matterVersions.version))
      .limit(1);
    return rows[0]?.data;
  },

  async versions(db: Db, id: string) {
    return db.select().from(matterVersions).where(eq(matterVersions.matterId, id)).orderBy(asc(matterVersions.version));
  },

  async findMatter(db: Db, id: string): Promise<MatterRow | undefined> {
    return (await db.select().from(matters).where(eq(matters.id, id)))[0];
  },

  /** Every matter's version in force on `date` (latest effective on or before it), for as-of snapshots. */
  async versionsAsOf(db: Db, date: string): Promise<MatterVersion[]> {
    const rows = await db
      .selectDistinctOn([matterVersions.matterId], { data: matterVersions.data })
      .from(matterVersions)
      .where(lte(matterVersions.effectiveFrom, date))
      .orderBy(matterVersions.matterId, desc(matterVersions.effectiveFrom), desc(matterVersions.version));
    return rows.map((r) => r.data);
  },

  /**
   * Ranked substring search (SPEC §1): exact code first, then names that start with the term, names that contain
   * it, and matters found only by their law. The trigram index serves terms of three characters or more; shorter
   * Chinese terms (占道) scan the narrow search column, which over ≈ 5,000 rows stays in single milliseconds.
   */
  async search(db: Db, o: SearchOptions) {
    const filters: SQL[] = [];
    if (o.domain) filters.push(eq(matters.domain, o.domain));
    if (o.listType) filters.push(eq(matters.listType, o.listType));
    if (o.kind) filters.push(eq(matters.kind, o.kind));
    if (o.publishedOnly) filters.push(eq(matters.published, true));
    if (o.ids) filters.push(inArray(matters.id, o.ids.length ? o.ids : ['00000000-0000-0000-0000-000000000000']));
    let rank: SQL | undefined;
    if (o.q) {
      const term = likeEscape(o.q.toLowerCase());
      filters.push(sql`${matters.searchText} LIKE ${`%${term}%`}`);
      // Exact code first; then by where the term stands in the name (catalog names all begin with 对, so "starts
      // with" says little), shorter names first; matters found only through their law last.
      rank = sql`CASE WHEN ${matters.code} = ${o.q} THEN 0 WHEN strpos(${matters.name}, ${o.q}) > 0 THEN strpos(${matters.name}, ${o.q}) ELSE 100000 END, length(${matters.name})`;
    }
    const where = filters.length ? and(...filters) : undefined;
    // One scan: the page and the total together (a window count), not a second COUNT query.
    const rows = await db
      .select({
        id: matters.id,
        code: matters.code,
        name: matters.name,
        kind: matters.kind,
        domain: matters.domain,
        listType: matters.listType,
        sourceDepartment: matters.sourceDepartment,
        lawNames: matters.lawNames,
        published: matters.published,
        withdrawn: matters.withdrawn,
        firstViolationWaiver: matters.firstViolationWaiver,
        lightViolationCommitment: matters.lightViolationCommitment,
        highFrequency: matters.highFrequency,
        effectiveFrom: matters.effectiveFrom,
        version: matters.version,
        total: sql<number>`count(*) OVER ()`.mapWith(Number),
      })
      .from(matters)
      .where(where)
      .orderBy(...(rank ? [rank] : []), asc(matters.domain), asc(matters.name), asc(matters.id))
      .limit(o.limit)
      .offset(o.offset);
    const total = rows[0]?.total ?? (o.offset > 0 ? await db.$count(matters, where) : 0);
    const items = rows.map(({ total: _, ...item }) => item);
    return { items, total };
  },

  async findByName(db: Db, name: string): Promise<{ id: string; domain: string } | null> {
    const rows = await db
      .select({ id: matters.id, domain: matters.domain })
      .from(matters)
      .where(eq(matters.name, name))
      .orderBy(matters.createdAt)
      .limit(1);
    return rows[0] ?? null;
  },

  async countMatters(db: Db) {
    return db.$count(matters);
  },

  async codesTaken(db: Db, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db.select({ code: matters.code }).from(matters).where(inArray(matters.code, codes));
    return new Set(rows.map((r) => r.code!));
  },

  async latestList(db: Db, kind: (typeof matterLists.$inferSelect)['kind'], asOf?: string) {
    const where = asOf
      ? and(eq(matterLists.kind, kind), lte(matterLists.effectiveFrom, asOf))
      : eq(matterLists.kind, kind);
    return (
      await db
        .select()
        .from(matterLists)
        .where(where)
        .orderBy(desc(matterLists.effectiveFrom), desc(matterLists.version))
        .limit(1)
    )[0];
  },

  async insertList(db: Db, row: typeof matterLists.$inferInsert) {
    await db.insert(matterLists).values(row);
  },
};
