/**
 * The signed-in key (for this tab only: `sessionStorage`) and who it is. The API has no "who am I" endpoint, so
 * `identify` asks the questions whose answers differ by role: a member key asking for another organisation's
 * matches gets a 403 that names its own; sector views answer only in the key's sectors; only an admin sees
 * contacts.
 */
import { ApiError, isApiError, type Api } from './client';
import { DEFAULT_SECTORS, type DirectoryPage, type OrgSummary } from './types';

const KEY_STORAGE = 'innomatch.key';

export function storedKey(): string | undefined {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeKey(key: string | undefined): void {
  try {
    if (key === undefined) sessionStorage.removeItem(KEY_STORAGE);
    else sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // storage blocked: the key lives in memory for this page only
  }
}

/**
 * `#key=imk_…` (the links `innomatch demo` prints): takes the key and removes it from the address bar and the
 * history entry, so it is not left on screen, in bookmarks or in a shared link.
 */
export function takeKeyFromHash(): string | undefined {
  const m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (m?.[1] === undefined) return undefined;
  const key = decodeURIComponent(m[1]);
  const rest = location.hash.replace(/(^#|&)key=[^&]+/, '$1').replace(/^#&/, '#');
  history.replaceState(null, '', `${location.pathname}${location.search}${rest === '#' ? '' : rest}`);
  return key;
}

export type Identity =
  | { readonly role: 'member'; readonly orgId: string }
  | { readonly role: 'coordinator'; readonly sectors: readonly string[] }
  | { readonly role: 'admin'; readonly sectors: readonly string[] };

/** An id no organisation has (ids are slugs; this one is reserved by the page). */
const PROBE_ID = 'innomatch-web-identity-probe';

/** Every organisation of the directory (for names and sector badges), up to `maxPages` pages of 50. */
export async function loadDirectory(api: Api, maxPages = 40): Promise<Map<string, OrgSummary & { sectors: readonly string[] }>> {
  const all = new Map<string, OrgSummary & { sectors: readonly string[] }>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res: DirectoryPage = await api.get(`/v1/organizations?limit=50${cursor !== undefined ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const o of res.items) all.set(o.id, o);
    cursor = res.nextCursor;
    if (cursor === undefined) break;
  }
  return all;
}

/**
 * Who the key is (throws the API's error when the key is not accepted). Profiles are open to any key, so the member
 * probe asks for the matches of an organisation that does not exist: a member key is refused (403 naming its own
 * organisation) before anything is looked up; a coordinator or admin key is told 404 (or, on a server without
 * matching, 503 `NOT_READY`).
 */
export async function identify(api: Api, directory: ReadonlyMap<string, { sectors: readonly string[] }>): Promise<Identity> {
  try {
    await api.get(`/v1/organizations/${PROBE_ID}/matches?limit=1`);
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.status === 403) {
      const org = /organization "([^"]+)"/.exec(e.detail)?.[1];
      if (org !== undefined) return { role: 'member', orgId: org };
      throw e;
    }
    if (e.status !== 404 && e.code !== 'NOT_READY') throw e;
  }
  const known = new Set<string>(DEFAULT_SECTORS);
  for (const o of directory.values()) for (const s of o.sectors) known.add(s);
  const sectors = [...known];
  const answers = await Promise.allSettled(sectors.map((s) => api.get(`/v1/sectors/${encodeURIComponent(s)}/funnel`)));
  const failure = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected' && !(isApiError(a.reason) && a.reason.status === 403));
  if (failure !== undefined) throw failure.reason instanceof Error ? failure.reason : new ApiError(0, 'NETWORK', String(failure.reason));
  const mine = sectors.filter((_, i) => answers[i]?.status === 'fulfilled');
  if (mine.length === sectors.length) {
    const first = directory.keys().next();
    if (first.done !== true) {
      const org: Record<string, unknown> = await api.get(`/v1/organizations/${encodeURIComponent(first.value)}`);
      if ('contacts' in org) return { role: 'admin', sectors: mine };
    }
  }
  return { role: 'coordinator', sectors: mine };
}
