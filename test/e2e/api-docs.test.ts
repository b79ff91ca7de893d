import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ConsoleLog, launchBrowser, newPage } from '../helpers/e2e';
import { startStack, type Stack } from '../helpers/stack';

// Swagger UI renders the API document in a real browser, under the same
// Content-Security-Policy as the web app.
describe('e2e: API documentation page', function () {
  this.timeout(60_000);
  let stack: Stack;
  let browser: Browser;
  before(async () => { [stack, browser] = await Promise.all([startStack({ gateway: true }), launchBrowser()]); });
  after(async () => { await browser?.close(); await stack?.close(); });

  it('lists the API\'s routes with no policy violations', async () => {
    const log = new ConsoleLog();
    const { page } = await newPage(browser, log, 'docs');
    const res = await page.goto(`${stack.gatewayUrl}/api/docs`);
    assert.match(res?.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    await page.getByText('/api/v1/auth/login').first().waitFor();
    await page.getByText('/api/v1/machines/{id}/sessions').first().waitFor();
    assert.deepEqual(log.lines.filter((l) => /Content Security Policy|Refused to/.test(l)), []);
  });
});
