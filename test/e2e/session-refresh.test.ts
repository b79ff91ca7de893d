import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import type { Browser, Page } from 'playwright-core';
import { buildUser, PASSWORD } from '../helpers/factories';
import { byTestId, ConsoleLog, launchBrowser, newPage, until } from '../helpers/e2e';
import { signIn } from '../helpers/e2ePage';
import { startStack, type Stack } from '../helpers/stack';

// The web app keeps a user signed in across an expired access token by refreshing
// it once, and sends them to the login page when the refresh token is no good.
describe('e2e: automatic token refresh in the web app', function () {
  this.timeout(120_000);
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const log = new ConsoleLog();

  before(async () => {
    [stack, browser] = await Promise.all([startStack({ gateway: true }), launchBrowser()]);
    const admin = await buildUser({ role: 'admin' });
    page = (await newPage(browser, log, 'admin')).page;
    await page.goto(stack.gatewayUrl!);
    await signIn(page, admin.username, PASSWORD);
    await page.waitForURL(/#\/admin/);
  });
  after(async () => {
    if (this.ctx.currentTest?.state === 'failed') log.save('FAILED-refresh-console.log');
    await browser?.close();
    await stack?.close();
  });

  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('remotegpu.session') ?? 'null'));

  it('refreshes an expired access token once and carries on', async () => {
    const before = await stored();
    const claims = jwt.decode(before.access_token) as jwt.JwtPayload;
    const expired = jwt.sign({ sub: claims.sub, role: claims.role, tid: claims.tid, fam: claims.fam, exp: Math.floor(Date.now() / 1000) - 60 },
      stack.keys.jwt, { algorithm: 'HS256', jwtid: 'expired-on-purpose' });
    await page.evaluate((s) => localStorage.setItem('remotegpu.session', JSON.stringify(s)),
      { ...before, access_token: expired, expires_at: Date.now() + 3600_000 });
    await page.reload();
    await page.goto(`${stack.gatewayUrl}/#/admin/customers`);
    await byTestId(page, 'list-empty').waitFor();
    assert.match(page.url(), /#\/admin\/customers/);
    const after = await until('a new token pair', async () => {
      const s = await stored();
      return s && s.access_token !== expired ? s : null;
    });
    assert.notEqual(after.refresh_token, before.refresh_token, 'the refresh token was rotated');
    assert.equal((jwt.decode(after.access_token) as jwt.JwtPayload).sub, claims.sub);
  });

  it('sends the user to the login page when the refresh token is revoked', async () => {
    const s = await stored();
    const expired = jwt.sign({ sub: 1, role: 'admin', tid: null, fam: 'x', exp: Math.floor(Date.now() / 1000) - 60 }, stack.keys.jwt,
      { algorithm: 'HS256', jwtid: 'expired-again' });
    await page.evaluate((v) => localStorage.setItem('remotegpu.session', JSON.stringify(v)),
      { ...s, access_token: expired, refresh_token: 'revoked-or-unknown-refresh-token', expires_at: Date.now() + 3600_000 });
    await page.reload();
    await page.goto(`${stack.gatewayUrl}/#/admin/customers`);
    await page.waitForURL(/#\/login/);
    assert.equal(await stored(), null, 'the dead session is cleared');
  });
});
