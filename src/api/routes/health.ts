import { isAppError } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { HealthSchema, ReadinessSchema } from '../responses.js';
import { defineRoute } from '../route.js';
import { AnyQuery } from '../schemas.js';

/** Resolves true when the store answers a ping within `ms`. */
async function storeAnswers(deps: ApiDeps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deps.limits.readyTimeoutMs);
  });
  try {
    return await Promise.race([deps.store.ping().then(() => true), late]);
  } catch (e) {
    if (isAppError(e) || e instanceof Error) return false;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    tag: 'operations',
    summary: 'The process is up',
    access: 'public',
    query: AnyQuery,
    success: { status: 200, description: 'always, while the process runs', schema: HealthSchema },
    errors: [],
    handle: async () => ({ body: { status: 'ok' } }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    tag: 'operations',
    summary: 'The store answers and the match index is built',
    description: 'Answers 503 with the same body while not ready, so a load balancer takes the instance out of rotation.',
    access: 'public',
    query: AnyQuery,
    success: { status: 200, description: 'ready (503 with the same body when not)', schema: ReadinessSchema, alsoStatus: 503 },
    errors: [],
    handle: async (_input, deps) => {
      const storeOk = await storeAnswers(deps);
      const index = deps.matchService === undefined ? 'absent' : deps.matchService.isReady() ? 'built' : 'building';
      const ready = storeOk && index !== 'building';
      const headers: Record<string, string> = ready ? {} : { 'Retry-After': String(deps.limits.retryAfterSeconds) };
      return { status: ready ? 200 : 503, body: { ready, store: storeOk ? 'ok' : 'unavailable', index }, headers };
    },
  }),
];
