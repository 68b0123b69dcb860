import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { importResult } from '@openenforce/domain/organization';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  actorOf,
  attachment,
  fileResponse,
  readUpload,
  requirePermission,
  typed,
  XLSX_TYPE,
} from '../../platform/http/index.ts';
import { importCertificates } from './certificates-import.ts';
import type { ImportInput } from '../../platform/spreadsheet/columns.ts';
import { sampleTownTeam } from './lookups.ts';
import { parseTable } from '../../platform/spreadsheet/parse-table.ts';
import { importPeople } from './people-import.ts';
import { buildTemplate, TEMPLATE_FILENAMES, type ImportKind } from './template.ts';

const tags = ['organization'];

const importQuery = z.object({
  /** Validate only: report the errors or the count, write nothing. */
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
});

const KINDS: Record<
  ImportKind,
  { run: (deps: PlatformDeps, input: ImportInput) => Promise<number>; what: string; template: string }
> = {
  people: { run: importPeople, what: '导入人员 Import people (XLSX/CSV)', template: '人员导入模板 People template' },
  certificates: {
    run: importCertificates,
    what: '导入执法证 Import certificates (XLSX/CSV)',
    template: '执法证导入模板 Certificates template',
  },
};

/**
 * Bulk import of people and certificates (SPEC §2): multipart upload of one `file`, all rows or none, every error
 * by row and column (IMPORT_INVALID, 422); and the templates to fill in.
 */
export function registerImportRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const r = typed(app);
  for (const kind of Object.keys(KINDS) as ImportKind[]) {
    const { run, what, template } = KINDS[kind];
    r.post(
      `/api/org/import/${kind}`,
      {
        schema: {
          tags,
          summary: what,
          description:
            'multipart/form-data with one field `file` (.xlsx or .csv, UTF-8 or GBK). Any error → 422 IMPORT_INVALID ' +
            'with details {path: "row 3 / 手机号", rule, row, column} and nothing written. Existing employee or ' +
            'certificate numbers are errors: an import never updates. `dryRun=true` validates only.',
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 200: importResult },
        },
      },
      async (req) => {
        const user = requirePermission(req, 'org.import');
        const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
        const upload = await readUpload(req);
        const table = await parseTable(upload.bytes, upload.filename);
        const imported = await run(deps, { table, scope: user.scope, actor: actorOf(req), dryRun });
        return { imported, dryRun };
      },
    );
    r.get(
      `/api/org/import/${kind}/template.xlsx`,
      { schema: { tags, summary: template, response: { 200: fileResponse([XLSX_TYPE], '导入模板 XLSX template') } } },
      async (req, reply) => {
        const user = requirePermission(req, 'org.read');
        const sample = kind === 'people' ? await sampleTownTeam(deps.database.db, user.scope) : undefined;
        const bytes = await buildTemplate(kind, sample ? { team: sample.teamCode, town: sample.townName } : {});
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(TEMPLATE_FILENAMES[kind]))
          .send(bytes);
      },
    );
  }
}
