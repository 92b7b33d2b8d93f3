/** The profile schema's own rules, beyond what the import and API suites show through it. */
import { describe, expect, it } from 'vitest';
import { OrganizationSchema } from '../../src/domain/index.js';

const profile = (website: string) => ({ id: 'w', name: { en: 'W' }, type: 'sme', website });

describe('OrganizationSchema website', () => {
  it.each(['https://example.kr', 'http://example.com/path?q=1', 'HTTPS://EXAMPLE.KR'])('accepts the web address %s', (url) => {
    expect(OrganizationSchema.safeParse(profile(url)).success).toBe(true);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>hi</b>', 'ftp://files.example.kr', 'file:///etc/passwd', 'example.kr'])(
    'refuses %s, which a link on the web page would open or run',
    (url) => {
      const r = OrganizationSchema.safeParse(profile(url));
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['website', expect.stringMatching(/http or https/) as unknown]]);
    },
  );
});
