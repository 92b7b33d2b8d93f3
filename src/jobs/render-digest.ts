/**
 * The weekly digest e-mail, rendered as plain text and HTML in the contact's language. Pure: links are given,
 * nothing is read. Organisation names and reasons are user data, so every one of them is escaped in the HTML
 * and flattened to one line in the text (a newline in a name must not forge a line of the message).
 */
import type { IsoWeek, Locale, OrganizationType, OrgId } from '../domain/index.js';

export interface DigestItem {
  readonly id: OrgId;
  readonly name: string;
  readonly type: OrganizationType;
  /** One sentence: why this organisation, for the recipient. */
  readonly reason: string;
  readonly url: string;
}

export interface DigestMailInput {
  readonly locale: Locale;
  readonly week: IsoWeek;
  readonly recipientName: string;
  /** The recipient's organisation, in the recipient's language. */
  readonly organizationName: string;
  readonly items: readonly DigestItem[];
  readonly unsubscribeUrl: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const TYPE_LABELS: Readonly<Record<Locale, Readonly<Record<OrganizationType, string>>>> = {
  ko: {
    large_company: '대기업',
    sme: '중소기업',
    startup: '스타트업',
    university: '대학',
    research_institute: '연구기관',
    investor: '투자기관',
    public_agency: '공공기관',
    association: '협회·단체',
  },
  en: {
    large_company: 'Large company',
    sme: 'SME',
    startup: 'Startup',
    university: 'University',
    research_institute: 'Research institute',
    investor: 'Investor',
    public_agency: 'Public agency',
    association: 'Association',
  },
};

interface Phrases {
  subject(n: number, org: string, week: string): string;
  greeting(name: string): string;
  intro(org: string, week: string): string;
  view: string;
  footer: string;
  unsubscribe: string;
}

const PHRASES: Readonly<Record<Locale, Phrases>> = {
  ko: {
    subject: (n, org, week) => `[innomatch] ${org}에 이번 주 새 협업 추천 ${n}곳 (${week})`,
    greeting: (name) => `${name}님, 안녕하세요.`,
    intro: (org, week) => `${org}에 이번 주(${week}) 새로 추천하는 협업 기관입니다.`,
    view: '기관 정보 보기',
    footer: '이 추천은 innomatch가 공개 프로필과 협업 이력을 바탕으로 만들었습니다. 지난 4주 동안 추천한 기관과 이미 협력 중인 기관은 제외했습니다.',
    unsubscribe: '더 이상 받지 않으려면 수신 거부',
  },
  en: {
    subject: (n, org, week) => `[innomatch] ${n} new partner suggestion${n === 1 ? '' : 's'} for ${org} (${week})`,
    greeting: (name) => `Hello ${name},`,
    intro: (org, week) => `Here are this week's (${week}) new collaboration suggestions for ${org}.`,
    view: 'View the organisation',
    footer: 'innomatch made these suggestions from public profiles and collaboration history. Organisations suggested in the last four weeks and existing partners are left out.',
    unsubscribe: 'To stop receiving these e-mails, unsubscribe',
  },
};

export function renderDigestMail(input: DigestMailInput): RenderedMail {
  const p = PHRASES[input.locale];
  const types = TYPE_LABELS[input.locale];
  const org = oneLine(input.organizationName);
  const name = oneLine(input.recipientName);
  const subject = p.subject(input.items.length, org, input.week);

  const text = [
    p.greeting(name),
    '',
    p.intro(org, input.week),
    '',
    ...input.items.flatMap((item, i) => [
      `${i + 1}. ${oneLine(item.name)} (${types[item.type]})`,
      `   ${oneLine(item.reason)}`,
      `   ${item.url}`,
      '',
    ]),
    '--',
    p.footer,
    `${p.unsubscribe}: ${input.unsubscribeUrl}`,
    '',
  ].join('\n');

  const li = input.items
    .map(
      (item) =>
        `<li style="margin:0 0 16px">` +
        `<a href="${escapeHtml(item.url)}" style="font-weight:bold">${escapeHtml(oneLine(item.name))}</a> ` +
        `<span style="color:#666">(${escapeHtml(types[item.type])})</span><br>` +
        `${escapeHtml(oneLine(item.reason))}<br>` +
        `<a href="${escapeHtml(item.url)}" style="font-size:small">${escapeHtml(p.view)}</a></li>`,
    )
    .join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    `<p>${escapeHtml(p.greeting(name))}</p>`,
    `<p>${escapeHtml(p.intro(org, input.week))}</p>`,
    `<ol>\n${li}\n</ol>`,
    `<hr><p style="font-size:small;color:#666">${escapeHtml(p.footer)}<br>`,
    `<a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(p.unsubscribe)}</a></p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
}

/** Escapes the five characters that matter in HTML text and double- or single-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Collapses every run of whitespace (newlines included) into one space. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
