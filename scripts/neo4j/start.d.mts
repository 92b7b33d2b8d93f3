/** Types for start.mjs (plain Node ESM so it runs without a TypeScript loader). */

export interface StartNeo4jOptions {
  /** Bolt port on 127.0.0.1; 0 picks a free one. Default 7687. */
  readonly port?: number;
  /** Where the database lives. Default `<repo>/var/neo4j`. */
  readonly dataDir?: string;
  /** Enables auth with user `neo4j` and this password; auth is off without one. */
  readonly password?: string;
  /** Page cache in MiB, 8–256. Default 256. */
  readonly pageCacheMiB?: number;
  /** JVM maximum heap in MiB. Default: the JVM's own (a quarter of the RAM). */
  readonly heapMiB?: number;
  /** More JVM flags (env INNOMATCH_NEO4J_JAVA_OPTS adds more, e.g. GC settings). */
  readonly jvmArgs?: readonly string[];
  /** neo4j.conf lines `key=value` (env INNOMATCH_NEO4J_SETTINGS adds more, separated by spaces). */
  readonly settings?: readonly string[];
  /** Copy the server's output to this process's stderr. */
  readonly echo?: boolean;
  /** Give up when not ready after this long. Default 180 000. */
  readonly timeoutMs?: number;
  /** Progress lines (e.g. "building the launcher"). */
  readonly log?: (line: string) => void;
}

export interface RunningNeo4j {
  readonly uri: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number | undefined;
  /** From spawning Java to the readiness line. */
  readonly startupMs: number;
  /** Settles with the exit code or signal when the server process ends. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 30 000); resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export const REPO_ROOT: string;
export const JVM_FLAGS: readonly string[];
export function launcherIsStale(): boolean;
export function ensureLauncherBuilt(options?: { log?: (line: string) => void }): void;
export function freePort(): Promise<number>;
export function startNeo4j(options?: StartNeo4jOptions): Promise<RunningNeo4j>;
