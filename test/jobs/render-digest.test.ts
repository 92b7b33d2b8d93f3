import { describe, expect, it } from 'vitest';
import { asOrgId } from '../../src/domain/index.js';
import { escapeHtml, renderDigestMail, type DigestMailInput } from '../../src/jobs/render-digest.js';

const input = (overrides: Partial<DigestMailInput> = {}): DigestMailInput => ({
  locale: 'ko',
  week: '2026-W48',
  recipientName: '김민수',
  organizationName: '위즈코어',
  items: [
    { id: asOrgId('autonics'), name: '오토닉스', type: 'sme', reason: '머신비전 기술이 귀사의 불량 검사 수요와 맞습니다.', url: 'http://x/#/org/autonics' },
    { id: asOrgId('yonsei'), name: '연세대학교', type: 'university', reason: '클라우드 영상 학습 플랫폼을 제공합니다.', url: 'http://x/#/org/yonsei' },
  ],
  unsubscribeUrl: 'http://x/v1/unsubscribe?token=v1.abc.def',
  ...overrides,
});

describe('renderDigestMail', () => {
  it('writes Korean for a Korean contact: subject, greeting, each item with type, reason and link, and the unsubscribe link', () => {
    const m = renderDigestMail(input());
    expect(m.subject).toBe('[innomatch] 위즈코어에 이번 주 새 협업 추천 2곳 (2026-W48)');
    expect(m.text).toContain('김민수님, 안녕하세요.');
    expect(m.text).toContain('1. 오토닉스 (중소기업)\n   머신비전 기술이 귀사의 불량 검사 수요와 맞습니다.\n   http://x/#/org/autonics');
    expect(m.text).toContain('2. 연세대학교 (대학)');
    expect(m.text).toContain('수신 거부: http://x/v1/unsubscribe?token=v1.abc.def');
    expect(m.html).toContain('<html lang="ko">');
    expect(m.html).toContain('<a href="http://x/#/org/yonsei" style="font-weight:bold">연세대학교</a>');
  });

  it('writes English for an English contact', () => {
    const m = renderDigestMail(input({ locale: 'en', recipientName: 'Jane', organizationName: 'Wizcore' }));
    expect(m.subject).toBe('[innomatch] 2 new partner suggestions for Wizcore (2026-W48)');
    expect(m.text).toContain('Hello Jane,');
    expect(m.text).toContain('1. 오토닉스 (SME)');
    expect(m.text).toContain('unsubscribe: http://x/v1/unsubscribe?token=v1.abc.def');
    expect(m.html).toContain('<html lang="en">');
    expect(renderDigestMail(input({ locale: 'en', items: input().items.slice(0, 1) })).subject).toContain('1 new partner suggestion for');
  });

  it('escapes user data in the HTML and keeps it on one line in the text', () => {
    const evil = '<script>alert("x")</script> & \'co\'\nFAKE LINE';
    const m = renderDigestMail(
      input({ organizationName: evil, recipientName: '<b>me</b>', items: [{ ...input().items[0]!, name: evil, reason: '<img src=x onerror=1>' }] }),
    );
    expect(m.html).not.toMatch(/<script|<img|<b>me/);
    expect(m.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39; FAKE LINE');
    expect(m.text).not.toMatch(/\nFAKE LINE/);
    expect(m.subject).not.toContain('\n');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});
