/**
 * What the web page shows to whom (src/web/src/access.ts): any key reads an organisation's profile; its matches are
 * shown only where the API would answer them, and elsewhere the sentence fits the key's role.
 */
import { describe, expect, it } from 'vitest';
import { matchesRefusal, maySeeMatches, type Viewer } from '../../src/web/src/access.js';
import { STRINGS } from '../../src/web/src/i18n/strings.js';

const admin: Viewer = { role: 'admin', sectors: ['ai'] };
const coordAi: Viewer = { role: 'coordinator', sectors: ['ai'] };
const memberKt: Viewer = { role: 'member', orgId: 'kt' };
const kt = { id: 'kt', sectors: ['ai'] };
const biolab = { id: 'biolab', sectors: ['bio_health'] };

describe('the organisation page', () => {
  it('When an admin opens any organisation, then its matches are shown', () => {
    expect(maySeeMatches(admin, kt)).toBe(true);
    expect(maySeeMatches(admin, biolab)).toBe(true);
  });

  it('When a member opens its own organisation, then the matches are shown; another one: profile only', () => {
    expect(maySeeMatches(memberKt, kt)).toBe(true);
    expect(maySeeMatches(memberKt, biolab)).toBe(false);
  });

  it('When a coordinator opens an organisation in and outside its sectors, then matches are shown in them only', () => {
    expect(maySeeMatches(coordAi, kt)).toBe(true);
    expect(maySeeMatches(coordAi, { id: 'yonsei', sectors: ['smart_manufacturing', 'ai'] })).toBe(true);
    expect(maySeeMatches(coordAi, biolab)).toBe(false);
    expect(maySeeMatches(coordAi, { id: 'nowhere', sectors: [] })).toBe(false);
  });

  it('When the matches are not shown (or refused), then the sentence names the rule of the key’s own role, in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      expect(STRINGS[lang][matchesRefusal('member')], lang).toBe(STRINGS[lang].errForbiddenMatches);
      expect(STRINGS[lang][matchesRefusal('coordinator')], lang).not.toBe(STRINGS[lang].errForbiddenMatches);
      expect(STRINGS[lang][matchesRefusal(undefined)], lang).toBe(STRINGS[lang].errForbidden);
    }
    expect(STRINGS.en[matchesRefusal('coordinator')]).toMatch(/coordinator key .* in its sectors/);
    expect(STRINGS.en[matchesRefusal('member')]).toMatch(/member key .* its own organisation/);
    expect(STRINGS.ko[matchesRefusal('coordinator')]).toMatch(/코디네이터 키/);
  });
});
