import { access, constants, open, stat } from 'node:fs/promises';
import { countRejected, formatRejection, importFiles, type ImportReport, type InputFile, type RecordKind } from '../../app/import/import-files.js';
import type { Command } from 'commander';
import { z } from 'zod';
import type { GraphStore } from '../../store/graph-store.js';
import { parseFlag, wholeNumber, type CliContext } from '../context.js';
import { formatTable, printable, printJson, type Io } from '../output.js';

export interface IngestArgs {
  readonly organizations: readonly string[];
  readonly collaborations: readonly string[];
  readonly programmes: readonly string[];
  readonly strict: boolean;
  readonly json: boolean;
  /** Worker threads parsing large JSON Lines files (0: this thread); default `defaultImportThreads()`. */
  readonly threads?: number;
}

/** Reads the named files, imports them, prints the report. Exit status 1 when any row or file was rejected. */
export async function runIngest(store: GraphStore, args: IngestArgs, io: Io): Promise<number> {
  const named: [RecordKind, readonly string[]][] = [
    ['organizations', args.organizations],
    ['collaborations', args.collaborations],
    ['programmes', args.programmes],
  ];
  const files: InputFile[] = [];
  for (const [kind, paths] of named) {
    for (const path of paths) {
      try {
        if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        await access(path, constants.R_OK);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        io.err(printable(`innomatch: ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`));
        return 2;
      }
      files.push({ kind, name: path, chunks: readChunks(path) });
    }
  }
  if (files.length === 0) {
    io.err('innomatch: nothing to ingest: give --organizations, --collaborations or --programmes files');
    return 2;
  }
  const report = await importFiles(store, files, { strict: args.strict, ...(args.threads !== undefined ? { threads: args.threads } : {}) });
  if (args.json) printJson(io, report);
  else printReport(io, report, args.strict);
  return report.rejected.length > 0 ? 1 : 0;
}

/**
 * A file's bytes in 1 MiB reads, each into a fresh buffer (the reader may keep a piece of one while the next is
 * read), opened only when the import reaches the file: a JSON Lines file is validated as it is read, in bounded
 * memory, whatever its size.
 */
async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(2 ** 20);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

function printReport(io: Io, report: ImportReport, strict: boolean): void {
  for (const r of report.rejected) io.err(printable(formatRejection(r))); // quotes the row's values
  io.out(formatTable(['file', 'kind', 'format', 'rows', 'accepted'], report.files.map((f) => [f.name, f.kind, f.format, f.rows, f.accepted])));
  if (report.applied !== undefined) {
    const a = report.applied;
    io.out(
      `organizations: ${a.organizations.created} created, ${a.organizations.updated} updated, ${a.organizations.unchanged} unchanged; ` +
        `collaborations: ${a.collaborations.created} created, ${a.collaborations.updated} updated, ${a.collaborations.unchanged} unchanged; ` +
        `programmes: ${a.programmes.created} created, ${a.programmes.updated} updated, ${a.programmes.unchanged} unchanged`,
    );
  } else if (strict && report.rejected.length > 0) {
    io.err(`innomatch: --strict: ${rejectedCount(report)}, nothing was imported`);
  } else {
    io.err('innomatch: no valid rows, nothing was imported');
  }
  if (report.rejected.length > 0 && report.landed) io.err(`innomatch: ${rejectedCount(report)}; the valid rows were imported`);
}

/** "N row(s) rejected" ({@link countRejected}: rows, not problems), and refused files apart. */
function rejectedCount(report: ImportReport): string {
  const { rows, files } = countRejected(report);
  const parts = [rows > 0 ? `${rows} row(s)` : '', files > 0 ? `${files} file(s)` : ''].filter((p) => p !== '');
  return `${parts.join(' and ')} rejected`;
}

const ThreadsSchema = wholeNumber(z.number().max(16, 'must be between 0 and 16'));

export function registerIngestCommand(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('validate and load profile, collaboration and programme files (JSON array, JSON Lines or CSV)')
    .option('--organizations <file...>', 'organisation profile files')
    .option('--collaborations <file...>', 'collaboration files')
    .option('--programmes <file...>', 'programme files')
    .option('--strict', 'reject the whole import when any row is invalid', false)
    .option('--threads <n>', 'worker threads parsing JSON Lines files over 8 MiB (0–16; 0: none; default: see README)')
    .option('--json', 'print the report as JSON', false)
    .action(async (o: { organizations?: string[]; collaborations?: string[]; programmes?: string[]; strict: boolean; threads?: string; json: boolean }) => {
      const threads = o.threads !== undefined ? parseFlag('--threads', ThreadsSchema, o.threads) : undefined;
      await ctx.withStore((store) =>
        runIngest(
          store,
          {
            organizations: o.organizations ?? [],
            collaborations: o.collaborations ?? [],
            programmes: o.programmes ?? [],
            strict: o.strict,
            json: o.json,
            ...(threads !== undefined ? { threads } : {}),
          },
          ctx.io,
        ),
        { create: true },
      );
    });
}
