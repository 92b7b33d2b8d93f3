/**
 * What a key may see on the page, by the same rules as the API: any key reads any organisation's public profile;
 * its matches (and a team built around it) are for its own member key, the coordinators of its sectors and
 * admins. The page asks first so that it shows a sentence instead of a refused request; the API still decides.
 * No imports but a type: the unit tests (test/web) load this file without a browser.
 */
import type { StringKey } from './i18n/strings.js';

/** The parts of the signed-in `Identity` (api/session) that decide what the key may see. */
export interface Viewer {
  readonly role: 'admin' | 'coordinator' | 'member';
  readonly orgId?: string;
  readonly sectors?: readonly string[];
}

/** May this key see the matches of `org` (`GET /v1/organizations/{id}/matches`, `POST /v1/teams` around it)? */
export function maySeeMatches(viewer: Viewer, org: { readonly id: string; readonly sectors: readonly string[] }): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'member':
      return viewer.orgId === org.id;
    case 'coordinator':
      return org.sectors.some((s) => viewer.sectors?.includes(s) === true);
  }
}

/** The sentence for matches this key may not see (or that the API refused), by its role. */
export function matchesRefusal(role: Viewer['role'] | undefined): StringKey {
  switch (role) {
    case 'member':
      return 'errForbiddenMatches';
    case 'coordinator':
      return 'errForbiddenMatchesCoordinator';
    default:
      return 'errForbidden';
  }
}
