import { z } from 'zod';
import { unsubscribeFromDigest } from '../../app/digest-unsubscribe.js';
import { appError } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { notifyChange } from '../match-service.js';
import { defineRoute } from '../route.js';
import { UnsubscribeQuery } from '../schemas.js';
import { renderUnsubscribePage } from '../unsubscribe-page.js';

/** The signed token is the credential: no API key, and nothing but a valid token changes anything. */
async function unsubscribe(deps: ApiDeps, token: string) {
  if (deps.digestSecret === undefined) {
    throw appError('CONFIG_INVALID', { detail: 'unsubscribe links are not configured on this server (INNOMATCH_SECRET)' });
  }
  const result = await unsubscribeFromDigest(deps.store, deps.digestSecret, token);
  if (result.changed) await notifyChange(deps, { kind: 'organization', id: result.orgId });
  return result;
}

const UNSUBSCRIBE_ERRORS = ['VALIDATION_FAILED', 'INVALID_TOKEN', 'STORE_UNAVAILABLE', 'CONFIG_INVALID'] as const;

export const unsubscribeRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/unsubscribe',
    operationId: 'unsubscribeFromDigest',
    tag: 'digest',
    summary: 'Stop the weekly digest for one contact (the link in every digest e-mail)',
    description:
      'No API key: the signed `token` names the organisation and the address. Turns that contact’s `digest` off and answers a short confirmation page in Korean and English; following the link again changes nothing and still confirms. An altered or made-up token is 400 `INVALID_TOKEN`.',
    access: 'public',
    query: UnsubscribeQuery,
    success: { status: 200, description: 'unsubscribed (or already): an HTML page for people', schema: z.string(), media: 'html' },
    errors: UNSUBSCRIBE_ERRORS,
    handle: async ({ query }, deps) => ({ body: renderUnsubscribePage(await unsubscribe(deps, query.token)) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/unsubscribe',
    operationId: 'unsubscribeFromDigestOneClick',
    tag: 'digest',
    summary: 'One-click unsubscribe (RFC 8058), as mail clients send it from the List-Unsubscribe header',
    description:
      'The mail client posts `List-Unsubscribe=One-Click` (form-encoded; the body is not read) to the URL of the `List-Unsubscribe` header, so the token comes in the query as for GET. 204 on success, also when the contact was already unsubscribed.',
    access: 'public',
    query: UnsubscribeQuery,
    success: { status: 204, description: 'unsubscribed (or already)', schema: z.undefined(), media: 'none' },
    errors: UNSUBSCRIBE_ERRORS,
    handle: async ({ query }, deps) => {
      await unsubscribe(deps, query.token);
      return { body: undefined };
    },
  }),
];
