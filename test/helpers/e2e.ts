import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

// Browser plumbing for the end-to-end tests: Debian's chromium driven by playwright-core
// (no downloaded browser), artifacts under test-results/e2e/, console capture per page.

export const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
export const VIEWPORT = { width: 1280, height: 720 };

/** Starts the browser with an empty artifacts folder (no stale failure shots from an earlier run). */
export async function launchBrowser(): Promise<Browser> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
    headless: true,
  });
}

/** Each page's console, errors and failed requests, kept for the failure report. */
export class ConsoleLog {
  readonly lines: string[] = [];
  watch(name: string, page: Page): Page {
    const at = () => new Date().toISOString().slice(11, 23);
    page.on('console', (m) => this.lines.push(`${at()} [${name}] console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => this.lines.push(`${at()} [${name}] pageerror: ${e.stack ?? e.message}`));
    page.on('requestfailed', (r) => this.lines.push(`${at()} [${name}] requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => { if (r.status() >= 400) this.lines.push(`${at()} [${name}] HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
    page.on('close', () => this.lines.push(`${at()} [${name}] page closed`));
    return page;
  }
  save(file: string): void {
    writeFileSync(join(ARTIFACTS, file), this.lines.join('\n') + '\n');
  }
}

export async function newPage(browser: Browser, log: ConsoleLog, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, locale: 'zh-CN' });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = log.watch(name, await context.newPage());
  return { context, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  if (!page.isClosed()) await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

export const byTestId = (root: Page | Locator, id: string, extra = '') => root.locator(`[data-testid="${id}"]${extra}`);

/** Polls until fn returns a truthy value; the error names what was awaited and the last value seen. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000, every = 100): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}; last: ${JSON.stringify(last)}`.slice(0, 2000));
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Waits until the locator's text matches (string: contains, RegExp: test); returns the text. */
export async function waitForText(loc: Locator, pattern: string | RegExp, ms = 20_000): Promise<string> {
  let seen = '';
  return until(`${loc} to show ${pattern}`, async () => {
    seen = (await loc.textContent({ timeout: 1000 })) ?? '';
    const ok = typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen);
    return ok ? seen : (false as const);
  }, ms).catch((e: Error) => { throw new Error(`${e.message}\ntext was: ${JSON.stringify(seen.slice(-1500))}`); });
}
