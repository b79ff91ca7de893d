import type { Page } from 'playwright-core';
import { until } from './e2e';

// Reading and typing in the app's pages: the xterm screen, commands, toasts.

/** The xterm viewport as text, one line per row (the DOM renderer draws blanks as U+00A0). */
export async function screenText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').evaluate((rows) =>
    Array.from(rows.children, (r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
}

export async function waitForScreen(page: Page, pattern: RegExp | string, what: string, ms = 20_000): Promise<string> {
  let seen = '';
  return until(what, async () => {
    seen = await screenText(page);
    return (typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen)) ? seen : false;
  }, ms).catch((e: Error) => { throw new Error(`${e.message}\nscreen was:\n${seen}`); });
}

/** Types a command line into the focused terminal, then Enter. Non-ASCII goes in as text input (as an IME would). */
export async function typeCommand(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** A success toast naming the object appears for a completed action. */
export async function successToast(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="toast"][data-kind="success"]', { hasText: text }).first().waitFor();
}

/** Fills and sends the login form (the page must be on it). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
}

/** Fills and sends the change-password form; `confirm` differs only to test a mismatch. */
export async function changePassword(page: Page, old: string, next: string, confirm = next): Promise<void> {
  await page.locator('[data-testid="cp-old"]').fill(old);
  await page.locator('[data-testid="cp-new"]').fill(next);
  await page.locator('[data-testid="cp-confirm"]').fill(confirm);
  await page.locator('[data-testid="cp-submit"]').click();
}
