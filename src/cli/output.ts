import { appError, ERRORS, isAppError, type AppError } from '../domain/index.js';
import { isClosedPipe, isExitingEarly } from './shutdown.js';

/** Where a command writes; injectable so CLI tests can capture output without spawning processes. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/**
 * Text from a profile made safe for a terminal: control characters (an ESC starting a terminal escape sequence, a
 * NUL, a line break inside a name that would break a table row) are shown as U+FFFD.
 */
export function printable(text: string, keepLines = false): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(keepLines ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** A plain text table: columns padded to the widest cell (see {@link displayWidth}), cells made {@link printable}. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return formatColumns([header, ...rows.map((r) => r.map((c) => printable(String(c))))]);
}

/** Rows of cells in columns padded to the widest cell, two spaces apart; nothing is escaped. */
export function formatColumns(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - displayWidth(cell))).join('  ').trimEnd()).join('\n');
}

/** Marks that sit on the character before them (accents, enclosing marks). */
const COMBINING = /^[\p{Mn}\p{Me}]$/u;

/**
 * The columns a terminal gives `s`: 2 for East Asian wide characters (Hangul syllables, and the initial consonants
 * of a syllable spelt in jamo, NFD; CJK; full-width forms), 0 for what joins the character before it (the medial
 * vowels and final consonants of such a syllable, combining marks, zero-width spaces and joiners), 1 otherwise.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff) || (cp >= 0x200b && cp <= 0x200f) || COMBINING.test(ch)) continue;
    w +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xa960 && cp <= 0xa97f) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

/** Why a file-system call failed, in words, for the errors a path or a disk can cause. */
const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'something is already there',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  EFBIG: 'the file is too large',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  ENXIO: 'no such device or address',
  EBUSY: 'the file or device is busy',
};

/**
 * A file-system failure (a data directory that is a file or not writable, a full disk, an output path that is a
 * directory) as a configuration error naming the path and the reason, instead of an internal error with a stack.
 */
function fileSystemProblem(e: unknown): AppError | undefined {
  if (!(e instanceof Error)) return undefined;
  const { code, path, syscall } = e as NodeJS.ErrnoException;
  const reason = code === undefined ? undefined : FILE_SYSTEM_REASONS[code];
  if (reason === undefined) return undefined;
  // every place that knows the file adds it (see `atPath`); without one, the reason still beats a stack
  if (path === undefined) return appError('CONFIG_INVALID', { detail: `a file-system call${syscall !== undefined ? ` (${syscall})` : ''} failed: ${reason} (${code})` });
  return appError('CONFIG_INVALID', { detail: `cannot ${syscall ?? 'use'} ${path}: ${reason} (${code})` });
}

/** Prints an error and returns the exit code for it: codes from the error table, 70 for programmer errors. */
export function reportError(io: Io, error: unknown): number {
  if (isClosedPipe(error)) return 0; // the reader went away (`| head`): stop quietly, as other tools do
  if (isExitingEarly()) return 0; // interrupted: the exit status is the signal's, and the store was closed under the work
  const e = fileSystemProblem(error) ?? error;
  // messages quote flags, paths and rows as given: shown through `printable`, as profile text is
  if (isAppError(e)) {
    io.err(printable(`innomatch: ${e.message}`, true));
    // an issue the message already states (a single one usually is the message) is not printed twice
    for (const issue of e.issues) if (!e.message.includes(`${issue.path}: ${issue.message}`)) io.err(printable(`  ${issue.path}: ${issue.message}`, true));
    return ERRORS[e.code].exit;
  }
  io.err(printable(`innomatch: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, true));
  return 70;
}
