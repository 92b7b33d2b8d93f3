import neo4j, { Neo4jError } from 'neo4j-driver';
import { appError, isAppError } from '../../domain/index.js';

const CONNECTION_CODES = new Set<string>([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED]);
const CONNECTION_MESSAGE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|EPIPE|connection acquisition timed out|failed to connect|connection was closed|Pool is closed/i;

/**
 * Turns a driver failure into the store's vocabulary: the server cannot be reached, is restarting or keeps
 * failing transiently → `STORE_UNAVAILABLE` (retryable for the caller); a uniqueness constraint → `CONFLICT`;
 * bad credentials, a database that does not exist or that is not a user database (`system`) → `CONFIG_INVALID`
 * naming the variables to fix (nothing works until they are). `AppError`s pass through; anything else is a
 * programmer error and is rethrown unchanged.
 */
export function mapDriverError(e: unknown): unknown {
  if (isAppError(e) || !(e instanceof Error)) return e;
  const code = e instanceof Neo4jError ? e.code : '';
  if (CONNECTION_CODES.has(code) || CONNECTION_MESSAGE.test(e.message) || neo4j.isRetryableError(e)) {
    return appError('STORE_UNAVAILABLE', { detail: firstLine(e.message) || code }, [], { cause: code });
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return appError('CONFIG_INVALID', { detail: `NEO4J_USER / NEO4J_PASSWORD: Neo4j refused them (${firstLine(e.message)})` }, [], { cause: code });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return appError('CONFIG_INVALID', { detail: `NEO4J_DATABASE: ${firstLine(e.message)}` }, [], { cause: code });
  }
  if (code === 'Neo.ClientError.Statement.UnsupportedAdministrationCommand' || /system database|not a recognised system command/i.test(e.message)) {
    return appError('CONFIG_INVALID', { detail: `NEO4J_DATABASE: not a database innomatch can use (${firstLine(e.message)})` }, [], { cause: code });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return appError('CONFLICT', { detail: firstLine(e.message) });
  }
  return e;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').slice(0, 300);
}
