import { randomUUID } from 'node:crypto';
import type { MatterVersion } from '@openenforce/domain/catalog';
import { loadOrgSnapshotRows } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { xlsxInWorker, type ParsedTable } from '../platform/spreadsheet/index.ts';
import { mattersFromTable, MATTER_COLUMNS, type MatterImportOptions } from './catalog-import.ts';
import { catalogRepository as repo } from './catalog.repository.ts';

export interface ImportProgress {
  phase: 'validated' | 'writing';
  done: number;
  total: number;
}

/**
 * Import new matters from a county catalog file: every row validated first (errors by row and column, nothing
 * written), then all rows in one transaction with one audit record each. An existing code is an error: an import
 * never overwrites history (changes are versions, made one by one or by a withdrawal).
 */
export async function importCatalog(
  deps: PlatformDeps,
  table: ParsedTable,
  o: Omit<MatterImportOptions, 'towns'> & { dryRun: boolean },
  actor: Actor,
  progress: (p: ImportProgress) => void = () => undefined,
): Promise<number> {
  // Give the event loop a turn after each report: PGlite works on this thread, and a progress line written to the
  // socket is only sent when the loop gets to it.
  const report = async (p: ImportProgress) => {
    progress(p);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const db = deps.database.db;
  const towns = new Map<string, { id: string; townMode: 'empowered' | 'dispatched' | null }>();
  for (const t of (await loadOrgSnapshotRows(db)).towns) {
    towns.set(t.name, t);
    towns.set(t.id, t);
  }
  const { values, errors } = mattersFromTable(table, { ...o, towns });
  const codes = values.map((v) => v.body.code).filter((c): c is string => !!c);
  const taken = await repo.codesTaken(db, codes);
  for (const v of values) if (v.body.code && taken.has(v.body.code)) errors.add(v.row, '事项代码', 'duplicate');
  errors.throwIfAny(MATTER_COLUMNS.map((c) => c.header));
  await report({ phase: 'validated', done: 0, total: values.length });
  if (o.dryRun) return values.length;

  const rows = values.map((v) => {
    const id = randomUUID();
    return { id, v: { ...v.body, matterId: id, version: 1 } as MatterVersion };
  });
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await repo.insertMatters(tx, chunk, actor.id, now);
      await deps.audit.append(
        tx,
        actor,
        chunk.map((r) => ({ action: 'matter.import', entityType: 'matter', entityId: r.id, after: r.v })),
        now,
      );
      await report({ phase: 'writing', done: i + chunk.length, total: rows.length });
    }
  });
  return rows.length;
}

const KIND_ZH = { penalty: '行政处罚', inspection: '行政检查', coercive_measure: '行政强制', other: '其他' } as const;
const LIST_ZH = { comprehensive: '综合', professional: '专业', in_department: '管执一体' } as const;
const SCOPE_ZH = { all: '全部', part: '部分' } as const;

/** The catalog as in force on a date, in the layout the import reads (so an export imports again). */
export async function exportCatalog(deps: PlatformDeps, asOf: string, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const versions = (await repo.versionsAsOf(deps.database.db, asOf)).filter((v) => !v.withdrawn);
  versions.sort((a, b) => a.domain.localeCompare(b.domain, 'zh') || a.name.localeCompare(b.name, 'zh'));
  const header = ['序号', ...MATTER_COLUMNS.map((c) => c.header)];
  const rows = versions.map((v, i) => {
    const fixed = v.discretion?.tiers.first.organisation;
    const range =
      fixed?.kind === 'fixed'
        ? [String(fixed.minFen / 100), String(fixed.maxFen / 100), 'fixed']
        : ['', '', fixed?.kind ?? ''];
    const cells: Record<string, string> = {
      code: v.code ?? '',
      name: v.name,
      domain: v.domain,
      kind: KIND_ZH[v.kind],
      sourceDepartment: v.sourceDepartment,
      law: v.legalBasis.law,
      article: v.legalBasis.article,
      penaltyArticle: v.penaltyBasis?.article ?? '',
      penaltyText: v.penaltyBasis?.text ?? '',
      fineMin: range[0]!,
      fineMax: range[1]!,
      fineBasis: range[2]!,
      listType: LIST_ZH[v.listType],
      townPower: '',
      transferScope: v.transferScope ? SCOPE_ZH[v.transferScope] : '',
      boundary: v.responsibilityBoundary ?? '',
      notes: '',
      towns: '',
      effectiveFrom: v.effectiveFrom,
      department: v.department ?? '',
      professionalTeam: v.professionalTeam ?? '',
      delegatingAgency: v.delegatingAgency ?? '',
    };
    const powers = Object.entries(v.townPowers).filter(([, p]) => p !== 'none');
    if (powers.length) {
      cells.townPower = { empowered: '赋权', delegated: '委托', extended: '延伸', none: '' }[powers[0]![1]];
      cells.towns = powers.map(([t]) => t).join('、');
    }
    return [String(i + 1), ...MATTER_COLUMNS.map((c) => cells[c.key] ?? '')];
  });
  if (format === 'csv') {
    const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    // BOM: Excel opens a UTF-8 CSV correctly only with it.
    return Buffer.from(`\ufeff${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
  }
  // The workbook is built in the worker pool (write-xlsx.ts says why).
  const bytes = await xlsxInWorker({
    name: '执法事项目录',
    columns: header.map((h, i) => ({ header: h, width: i === 2 ? 48 : 16 })),
    rows,
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
