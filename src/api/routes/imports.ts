import { assertAdmin } from '../../app/auth.js';
import { countRejected, importFiles, type InputFile } from '../../app/import/import-files.js';
import { appError } from '../../domain/index.js';
import { notifyChange } from '../match-service.js';
import { toImportReport } from '../present.js';
import { ImportReportSchema } from '../responses.js';
import { defineRoute } from '../route.js';
import { ImportBody } from '../schemas.js';

export const importRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/imports',
    operationId: 'importBatch',
    tag: 'organizations',
    summary: 'Import organisations, collaborations and programmes (admin)',
    description:
      'The same validation and row report as `innomatch ingest`: a bad row is reported as `{file, line, field, reason}` (file = the array, line = 1-based position) and skipped while the valid rows land as one atomic batch; with `strict` any bad row rejects everything (422). Importing the same rows again changes nothing.',
    access: 'key',
    size: 'import',
    body: ImportBody,
    success: { status: 200, description: 'the rows landed (the report lists any rejected ones)', schema: ImportReportSchema },
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN', 'ROWS_REJECTED'],
    handle: async ({ body, principal }, deps) => {
      assertAdmin(principal, 'import');
      const inputs: InputFile[] = (['organizations', 'collaborations', 'programmes'] as const).flatMap((kind) => {
        const rows = body[kind];
        return rows !== undefined && rows.length > 0 ? [{ kind, name: kind, rows }] : [];
      });
      if (inputs.length === 0) {
        throw appError('VALIDATION_FAILED', { detail: 'nothing to import: give organizations, collaborations or programmes' });
      }
      const report = await importFiles(deps.store, inputs, { strict: body.strict });
      if (report.landed) await notifyChange(deps, { kind: 'import' });
      if (!report.landed && report.rejected.length > 0) {
        const { rows, files } = countRejected(report);
        throw appError(
          'ROWS_REJECTED',
          { count: rows + files },
          // the same `file:line field` place the CLI prints, capped so one bad file cannot make a huge answer
          report.rejected.slice(0, 1000).map((r) => ({ path: `${r.file}:${r.line}${r.field !== '' ? ` ${r.field}` : ''}`, message: r.reason })),
        );
      }
      return { body: toImportReport(report) };
    },
  }),
];
