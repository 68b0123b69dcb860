import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The house rules are lint rules (ARCHITECTURE.md rule 1): check that they fire, and only where they should. */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('packages/domain may not do I/O or read the clock', async () => {
    expect(
      await messages(
        'packages/domain/src/x/a.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(await messages('packages/domain/src/x/a.ts', "import pg from 'pg';\nexport const a = pg;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await messages('packages/domain/src/x/a.ts', 'export const a = Date.now();\n')).toContain(
      'no-restricted-syntax',
    );
    expect(await messages('packages/domain/src/x/a.ts', 'export const a = process.env.X;\n')).toContain(
      'no-restricted-globals',
    );
    expect(
      await messages('packages/domain/src/x/a.ts', "import { z } from 'zod';\nexport const a = z.string();\n"),
    ).toEqual([]);
  });

  it('a context imports another only through its index.ts', async () => {
    const deep = "import { x } from '../organization/organization.service.ts';\nexport const a = x;\n";
    expect(await messages('packages/server/src/catalog/catalog.service.ts', deep)).toContain('no-restricted-imports');
    const viaIndex = "import { x } from '../organization/index.ts';\nexport const a = x;\n";
    expect(await messages('packages/server/src/catalog/catalog.service.ts', viaIndex)).toEqual([]);
    const nested = "import { x } from '../../catalog/catalog.repository.ts';\nexport const a = x;\n";
    expect(await messages('packages/server/src/organization/import/a.ts', nested)).toContain('no-restricted-imports');
    const own = "import { x } from './organization.service.ts';\nexport const a = x;\n";
    expect(await messages('packages/server/src/organization/other.ts', own)).toEqual([]);
  });

  it('platform imports no context', async () => {
    const up = "import { x } from '../../organization/index.ts';\nexport const a = x;\n";
    expect(await messages('packages/server/src/platform/http/a.ts', up)).toContain('no-restricted-imports');
  });

  it('the web app hands map libraries text, never HTML (names are user-edited: issue 13 §1.5)', async () => {
    const file = 'packages/web/src/features/map/a.tsx';
    const raw = [
      "import type { Layer } from 'leaflet';\nexport const f = (l: Layer, name: string) => l.bindTooltip(name);\n",
      "import type { Layer } from 'leaflet';\nexport const f = (l: Layer, name: string) => l.bindPopup(`<b>${name}</b>`);\n",
      "import L from 'leaflet';\nexport const f = (name: string) => L.divIcon({ html: name });\n",
      "import L from 'leaflet';\nexport const f = (name: string) => new L.DivIcon({ html: name });\n",
      'export const f = (el: HTMLElement, name: string) => { el.innerHTML = name; };\n',
      'export const F = ({ name }: { name: string }) => <div dangerouslySetInnerHTML={{ __html: name }} />;\n',
    ];
    for (const code of raw) expect(await messages(file, code), code).toContain('no-restricted-syntax');
    const text =
      "import type { Layer } from 'leaflet';\nimport { bindTextTooltip } from '../../ui/mapText.ts';\n" +
      'export const f = (l: Layer, name: string) => bindTextTooltip(l, name);\n';
    expect(await messages(file, text)).toEqual([]);
  });

  it("a context's index.ts exports no tables: other contexts read through its functions", async () => {
    const tables = "export * from './events.schema.ts';\n";
    expect(await messages('packages/server/src/events/index.ts', tables)).toContain('no-restricted-syntax');
    const named = "export { events } from './events.schema.ts';\n";
    expect(await messages('packages/server/src/events/index.ts', named)).toContain('no-restricted-syntax');
    const fn = "export { teamNames } from './reads.ts';\n";
    expect(await messages('packages/server/src/organization/index.ts', fn)).toEqual([]);
  });

  it('nothing in platform/ names a context (its identifiers, outside comments)', () => {
    const named = /\b(eventNo|eventId|event_id|caseId|case_id|inspectionId|inspection_id)\b/;
    const found: string[] = [];
    for (const f of files(join(root, 'packages/server/src/platform'))) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\*|\/\/|\/\*)/.test(line)) return;
          if (named.test(line)) found.push(`${f.slice(root.length)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}
