/** The signed-in key (for this tab only: `sessionStorage`) and who it is (`GET /v1/me`). */
import { ApiError, type Api } from './client';
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

/** What `GET /v1/me` answers. */
interface Me {
  readonly role: 'admin' | 'coordinator' | 'member';
  readonly sectors: readonly string[];
  readonly organization?: string;
}

/**
 * Who the key is (`GET /v1/me`; throws the API's error when the key is not accepted). An admin acts in every
 * sector: those of the default four and of every organisation in the directory.
 */
export async function identify(api: Api, directory: ReadonlyMap<string, { sectors: readonly string[] }>): Promise<Identity> {
  const me: Me = await api.get('/v1/me');
  if (me.role === 'member') {
    if (me.organization === undefined) throw new ApiError(0, 'INTERNAL', 'a member key without an organisation');
    return { role: 'member', orgId: me.organization };
  }
  if (me.role === 'coordinator') return { role: 'coordinator', sectors: me.sectors };
  const known = new Set<string>(DEFAULT_SECTORS);
  for (const o of directory.values()) for (const s of o.sectors) known.add(s);
  return { role: 'admin', sectors: [...known] };
}
