/**
 * Regenerates packages/domain/src/calendar/data/cn-workdays.json from the npm package `chinese-days`, so the
 * shipped calendar (TIME-4) is reproducible: `node --import tsx scripts/extract-calendar.ts`.
 *
 * The runtime never imports `chinese-days`: the domain package must stay pure and work offline in the field app,
 * and a calendar that silently changes with a dependency bump would move legal deadlines. Bumping the package is a
 * reviewed change to this JSON (and to SOURCE.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

interface NamedDays {
  name: string;
  days: string[];
}

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('chinese-days/package.json'));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
};
const raw = JSON.parse(readFileSync(join(packageDir, 'dist', 'chinese-days.json'), 'utf8')) as PackageData;

/** The package stores "English name,中文名,order"; the Chinese name is what users see. */
function chineseName(value: string): string {
  const name = value.split(',')[1];
  if (!name) throw new Error(`Unexpected chinese-days entry: ${value}`);
  return name;
}

/** Groups days by year, then by festival name, both in date order. */
function byYear(entries: Record<string, string>): Map<number, NamedDays[]> {
  const years = new Map<number, NamedDays[]>();
  for (const day of Object.keys(entries).sort()) {
    const year = Number(day.slice(0, 4));
    const name = chineseName(entries[day] ?? '');
    const groups = years.get(year) ?? [];
    const group = groups.find((g) => g.name === name);
    if (group) group.days.push(day);
    else groups.push({ name, days: [day] });
    years.set(year, groups);
  }
  return years;
}

const holidays = byYear(raw.holidays);
const workdays = byYear(raw.workdays);
const allYears = [...holidays.keys()].sort((a, b) => a - b);
const first = allYears[0];
const last = allYears[allYears.length - 1];
if (first === undefined || last === undefined) throw new Error('chinese-days has no holiday data');
// A missing year in the middle would make the calendar treat it as covered yet full of ordinary days.
for (let y = first; y <= last; y++) {
  if (!holidays.has(y)) throw new Error(`chinese-days has no holidays for ${y}: refusing to ship a gap`);
}

const source = { package: 'chinese-days', version: packageJson.version, license: packageJson.license };

// Hand-written layout, one festival per line: compact, and a new year is a small, readable diff. (The folder is in
// .prettierignore, so this output is what gets committed.)
const festivals = (groups: NamedDays[]): string => groups.map((g) => `        ${JSON.stringify(g)}`).join(',\n');
const yearBlocks = allYears.map(
  (y) =>
    `    "${y}": {\n` +
    `      "holidays": [\n${festivals(holidays.get(y) ?? [])}\n      ],\n` +
    `      "workdays": [\n${festivals(workdays.get(y) ?? [])}\n      ]\n` +
    `    }`,
);
const text = `{\n  "source": ${JSON.stringify(source)},\n  "years": {\n${yearBlocks.join(',\n')}\n  }\n}\n`;
JSON.parse(text); // guard against a layout slip before writing

const target = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'packages/domain/src/calendar/data/cn-workdays.json',
);
writeFileSync(target, text);
console.log(`cn-workdays.json: ${first}–${last} from chinese-days@${packageJson.version}`);
