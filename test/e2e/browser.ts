/**
 * Debian's Chromium through playwright-core. Missing Chromium fails the run in CI and skips the browser tests
 * locally, saying how to install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './web-build.js';

export const CHROMIUM = process.env['INNOMATCH_CHROMIUM'] ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

if (!HAVE_CHROMIUM) {
  const message = `e2e: no Chromium at ${CHROMIUM} — install it with \`apt-get install chromium\` (or set INNOMATCH_CHROMIUM)`;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') throw new Error(message);
  console.warn(`${message}; the browser tests are skipped`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const LAPTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** A tab of its own (its own sessionStorage), recording page errors and CSP violations. */
export async function openTab(browser: Browser, options: { locale: string; viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: options.locale, viewport: options.viewport ?? LAPTOP, serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return { context, page, problems };
}

/** Saves `screenshots/<name>.png`: the whole page, or only the top `clipHeight` pixels. */
export async function screenshot(page: Page, name: string, clipHeight?: number): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  const width = page.viewportSize()?.width ?? LAPTOP.width;
  await page.screenshot({ path, fullPage: true, ...(clipHeight !== undefined ? { clip: { x: 0, y: 0, width, height: clipHeight } } : {}) });
  return path;
}
