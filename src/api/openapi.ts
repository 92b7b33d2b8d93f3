/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (`z.toJSONSchema`): inputs are
 * described as clients send them (`io: input`), answers as the server sends them (`io: output`).
 */
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../domain/index.js';
import { ProblemSchema } from './responses.js';
import { COMMON_ERRORS, type ObjectSchema, type Route } from './route.js';

export type JsonObject = Record<string, unknown>;

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonObject;
  readonly style?: 'form';
  readonly explode?: boolean;
}

export interface OpenApiResponse {
  readonly description: string;
  readonly content?: Readonly<Record<string, { readonly schema: JsonObject }>>;
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters: readonly OpenApiParameter[];
  readonly requestBody?: { readonly required: true; readonly content: { readonly 'application/json': { readonly schema: JsonObject } } };
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components: { readonly securitySchemes: JsonObject; readonly schemas: Readonly<Record<string, JsonObject>> };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

/** `/v1/organizations/:id` → `/v1/organizations/{id}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

function parameters(schema: ObjectSchema | undefined, where: 'path' | 'query'): OpenApiParameter[] {
  if (schema === undefined) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = jsonSchema(field, 'input');
    const isList = s['type'] === 'array';
    return {
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      schema: s,
      ...(isList ? { style: 'form' as const, explode: false } : {}),
    };
  });
}

const problemRef = { $ref: '#/components/schemas/Problem' };

function responses(route: Route): Record<string, OpenApiResponse> {
  const out: Record<string, OpenApiResponse> = {};
  const media = route.success.media ?? 'json';
  const ok: OpenApiResponse =
    media === 'none'
      ? { description: route.success.description }
      : { description: route.success.description, content: { [media === 'html' ? 'text/html' : 'application/json']: { schema: jsonSchema(route.success.schema, 'output') } } };
  out[String(route.success.status)] = ok;
  if (route.success.alsoStatus !== undefined) out[String(route.success.alsoStatus)] = ok;
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...route.errors, ...COMMON_ERRORS[route.access]]) {
    const status = ERRORS[code].status;
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byStatus.set(status, codes);
  }
  for (const [status, codes] of [...byStatus].sort((x, y) => x[0] - y[0])) {
    if (out[String(status)] !== undefined) continue;
    out[String(status)] = { description: codes.join(', '), content: { 'application/problem+json': { schema: problemRef } } };
  }
  return out;
}

export function buildOpenApiDocument(routes: readonly Route[], version: string): OpenApiDocument {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const op: OpenApiOperation = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description !== undefined ? { description: route.description } : {}),
      security: route.access === 'key' ? [{ apiKey: [] }] : [],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body !== undefined
        ? { requestBody: { required: true as const, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
        : {}),
      responses: responses(route),
    };
    paths[path] = { ...paths[path], [route.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'innomatch API',
      version,
      description:
        'Collaboration matching for open-innovation networks. Every error is application/problem+json (RFC 9457) with a stable `code`; see /docs for the table of codes.',
    },
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `innomatch keys create`, as `Authorization: Bearer <key>`.' },
      },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
    },
  };
}
