/**
 * How the command-line process ends early. On SIGINT or SIGTERM (Ctrl-C, a service manager) it first runs what the
 * running command registered to undo (a store to close, a scratch store to remove), then exits 130 or 143, the
 * status a shell gives a command such a signal stopped; a second signal exits at once. When the reader of its
 * output goes away (`innomatch … | head`), it stops quietly with status 0, as Unix tools do.
 */

const disposers = new Set<() => Promise<unknown>>();
/** How long the disposers may take before the process exits anyway. */
const DISPOSE_TIMEOUT_MS = 10_000;

/** Registers `dispose` to run when the process is stopped early; returns the function that unregisters it. */
export function disposeOnEarlyExit(dispose: () => Promise<unknown>): () => void {
  disposers.add(dispose);
  return () => void disposers.delete(dispose);
}

/** A `dispose` that runs once however often it is called, registered to run on an early exit until it has run. */
export function disposedOnEarlyExit(dispose: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const once = () => (running ??= dispose().finally(unregister));
  const unregister = disposeOnEarlyExit(once);
  return once;
}

let exiting: { code: number; done: Promise<void> } | undefined;

/**
 * Runs the registered disposers (for at most {@link DISPOSE_TIMEOUT_MS}), then exits with `code`; called again
 * meanwhile, it waits for the same exit.
 */
export function exitEarly(code: number): Promise<void> {
  exiting ??= { code, done: disposeAndExit(code) };
  return exiting.done;
}

/** Whether an early exit is under way: what fails now fails because its store was closed under it, not news. */
export function isExitingEarly(): boolean {
  return exiting !== undefined;
}

async function disposeAndExit(code: number): Promise<void> {
  const all = [...disposers].map(async (d) => d());
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(all), new Promise((resolve) => (timer = setTimeout(resolve, DISPOSE_TIMEOUT_MS)))]);
  clearTimeout(timer);
  process.exit(code);
}

/**
 * SIGINT → 130, SIGTERM → 143, after the disposers; a second signal while they run exits at once. For the commands
 * that do not stop gracefully by themselves.
 */
export function exitEarlyOnSignals(): void {
  const on = (code: number) => () => (exiting !== undefined ? process.exit(exiting.code) : void exitEarly(code));
  process.on('SIGINT', on(130));
  process.on('SIGTERM', on(143));
}

/** Whether `e` says the reader of a pipe went away. */
export function isClosedPipe(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).code === 'EPIPE';
}

/** A closed standard output or error ends the process quietly (status 0) instead of an unhandled 'error' event. */
export function exitQuietlyOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: Error) => {
      // after the first EPIPE, later writes to the destroyed stream fail too: the exit is under way already
      if (!isClosedPipe(e) && exiting === undefined) throw e;
      void exitEarly(0);
    });
  }
}
