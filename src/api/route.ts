/**
 * A route is data: method, path, who may call it, the zod schemas of its path, query and body, what it answers
 * and which error codes it can give, plus a thin handler. The same table registers the Express routes and
 * generates the OpenAPI document, so the two cannot drift.
 */
import type { z } from 'zod';
import type { Principal } from '../app/auth.js';
import type { ErrorCode } from '../domain/index.js';
import type { ApiDeps } from './deps.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** `public`: no key (health, docs); `key`: any valid API key (roles are checked by the use cases). */
export type Access = 'public' | 'key';
export type ObjectSchema = z.ZodObject<Record<string, z.ZodType>, z.core.$ZodObjectConfig>;

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HandlerInput<P, Q, B, A extends Access> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: A extends 'key' ? Principal : undefined;
}

export interface RouteSpec<P extends ObjectSchema, Q extends ObjectSchema, B extends z.ZodType, A extends Access> {
  readonly method: Method;
  /** Express syntax (`/v1/organizations/:id`). */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly access: A;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Which body limit and timeout apply (`import` for bulk uploads). */
  readonly size?: 'default' | 'import';
  readonly success: {
    readonly status: number;
    readonly description: string;
    readonly schema: z.ZodType;
    readonly alsoStatus?: number;
    /** What the answer carries: JSON (default), an HTML page for people (the body is the page), or nothing. */
    readonly media?: 'json' | 'html' | 'none';
  };
  /** The error codes this route can answer with (besides the ones every route can: see `COMMON_ERRORS`). */
  readonly errors: readonly ErrorCode[];
  readonly handle: (input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>, A>, deps: ApiDeps) => Promise<Reply>;
}

export type Route = RouteSpec<ObjectSchema, ObjectSchema, z.ZodType, Access>;

/** Checks a route's types where it is written, then erases them so routes of all shapes fit one table. */
export function defineRoute<P extends ObjectSchema, Q extends ObjectSchema, B extends z.ZodType, A extends Access>(
  spec: RouteSpec<P, Q, B, A>,
): Route {
  return spec as unknown as Route;
}

/** Codes any route may answer with, by access. */
export const COMMON_ERRORS: Readonly<Record<Access, readonly ErrorCode[]>> = {
  public: ['TIMEOUT', 'INTERNAL'],
  key: ['UNAUTHENTICATED', 'RATE_LIMITED', 'STORE_UNAVAILABLE', 'TIMEOUT', 'INTERNAL'],
};
