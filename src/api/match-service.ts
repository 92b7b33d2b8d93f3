import { appError } from '../domain/index.js';
import type { ApiDeps, DataChange, MatchServicePort } from './deps.js';

/**
 * The match service, or 503 `NOT_READY` when this server has none. While its index is (re)built, requests wait
 * for it, bounded by the request timeout (then 503 `TIMEOUT` with `Retry-After`).
 */
export function readyMatchService(deps: ApiDeps): MatchServicePort {
  const service = deps.matchService;
  if (service === undefined) throw appError('NOT_READY', { detail: 'matching is not available on this server' });
  return service;
}

/**
 * Tells the match service about a write. The write has already been acknowledged by the store, so a failure
 * here is logged, not returned: the index catches up on its next rebuild.
 */
export async function notifyChange(deps: ApiDeps, change: DataChange): Promise<void> {
  try {
    await deps.matchService?.notify?.(change);
  } catch (e) {
    deps.logger.warn({ err: e, change: change.kind }, 'api: the match service could not follow a write');
  }
}
