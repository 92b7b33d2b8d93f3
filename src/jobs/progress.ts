/**
 * Progress of a digest run on stderr: a bar redrawn in place on a terminal, and on anything else (a log file, CI)
 * one plain line per tenth of the work and one at the end, so logs stay short and readable.
 */
export interface ProgressCounts {
  readonly done: number;
  readonly total: number;
  readonly sent: number;
  readonly skipped: number;
  readonly failed: number;
  readonly inDoubt: number;
  /** Dry run: messages that would have been sent. */
  readonly planned: number;
}

export interface ProgressSink {
  /** A stage that reports no counts, said once as it starts (e.g. ranking the suggestions, minutes at 100k). */
  stage(message: string): void;
  update(counts: ProgressCounts): void;
  finish(counts: ProgressCounts): void;
}

export const silentProgress: ProgressSink = { stage: () => undefined, update: () => undefined, finish: () => undefined };

/** A bar for a terminal: `write` gets raw text (carriage returns included); redrawn at most every `everyMs`. */
export function terminalProgress(label: string, write: (s: string) => void, now: () => number = Date.now, everyMs = 100): ProgressSink {
  let last = -Infinity;
  const draw = (c: ProgressCounts) => {
    const width = 24;
    const filled = c.total === 0 ? width : Math.round((c.done / c.total) * width);
    write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${c.done}/${c.total}  ${describe(c)}\u001b[K`);
  };
  return {
    stage(message) {
      write(`${label}: ${message}\n`);
    },
    update(c) {
      if (now() - last < everyMs) return;
      last = now();
      draw(c);
    },
    finish(c) {
      draw(c);
      write('\n');
    },
  };
}

/** Plain lines (`line` adds the newline): one each time another tenth of the work is done, and one at the end. */
export function lineProgress(label: string, line: (s: string) => void): ProgressSink {
  let reported = 0;
  const print = (c: ProgressCounts) => line(`${label}: ${c.done}/${c.total}  ${describe(c)}`);
  return {
    stage(message) {
      line(`${label}: ${message}`);
    },
    update(c) {
      const step = Math.max(1, Math.ceil(c.total / 10));
      if (c.done - reported < step || c.done === c.total) return;
      reported = c.done;
      print(c);
    },
    finish: print,
  };
}

function describe(c: ProgressCounts): string {
  const counts = `sent ${c.sent}  skipped ${c.skipped}  failed ${c.failed}  in doubt ${c.inDoubt}`;
  return c.planned > 0 ? `planned ${c.planned}  ${counts}` : counts;
}
