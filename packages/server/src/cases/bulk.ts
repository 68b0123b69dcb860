import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/index.ts';
import { insertFrom } from '../platform/db/bulk.ts';
import type { StepInsert } from '../platform/workflow/index.ts';
import type { CaseInsert } from './cases.repository.ts';
import { cases, caseSteps } from './cases.schema.ts';

/*
 * Set-based writes of many cases (the demo year, imports, the list benchmark): the rows in one statement and their
 * timelines in another (platform/db/bulk: one JSON parameter per statement), in the caller's transaction. The caller
 * builds the rows — typically by driving each case through the domain (`driveCase`) so that every timeline is a legal
 * path — and numbers them from platform/numbering; clocks go in with the deadlines' `insertClocks`.
 */
export async function insertCases(
  tx: Db,
  items: readonly { row: CaseInsert; steps: readonly Omit<StepInsert, 'subjectId'>[] }[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 5_000) {
    const chunk = items.slice(i, i + 5_000);
    await tx.execute(
      insertFrom(
        cases,
        chunk.map((c) => c.row),
      ),
    );
    const steps = chunk.flatMap((c) => c.steps.map((s) => ({ ...s, subjectId: c.row.id })));
    if (steps.length > 0) await tx.execute(sql`${insertFrom(caseSteps, steps)}`);
  }
}
