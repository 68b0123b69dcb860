import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_PROCEDURE } from '@openenforce/domain/cases';
import { EVENT_PROCEDURE } from '@openenforce/domain/events';
import { permissionsOf, ROLES, type Permission } from '@openenforce/domain/organization';
import { PII_READ } from '@openenforce/domain/privacy';

/*
 * One authorization model (issue: "every permission that is granted is checked somewhere"): a permission a role is
 * given must be checked by a route (`requirePermission`), named by a procedure row, or read by the privacy module.
 * A permission granted and checked nowhere is a promise the API does not keep.
 */

const src = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });

describe('permissions', () => {
  it('every granted permission is checked somewhere', () => {
    const checked = new Set<string>();
    for (const f of files(src)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/requirePermission\(\s*\w+\s*,\s*'([a-z_.]+)'/g)) checked.add(m[1]!);
      if (text.includes('maySeePersonalData(')) checked.add(PII_READ);
    }
    for (const row of EVENT_PROCEDURE.rows) checked.add(row.permission);
    for (const row of CASE_PROCEDURE.rows) checked.add(row.permission);
    const granted = new Set<Permission>(ROLES.flatMap((r) => [...permissionsOf(r)]));
    expect([...granted].filter((p) => !checked.has(p))).toEqual([]);
  });
});
