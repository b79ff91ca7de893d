import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from '../helpers/api';
import { ARTIFACTS, byTestId, ConsoleLog, launchBrowser, newPage, shot, until, waitForText } from '../helpers/e2e';
import { changePassword, screenText, signIn, successToast, typeCommand, waitForScreen } from '../helpers/e2ePage';
import { startSshd, type TestSshd } from '../helpers/sshd';
import { startStack, type Stack } from '../helpers/stack';

// The story, steps 2 to 6, as people would live it: in one real browser, through the
// UI only, against control + gateway + a real sshd. The API is used only to read back facts the
// UI cannot show (the recording's bytes, a revoked token, a disabled login).

const DEFAULT_PASSWORD = 'ChangeME_123';
const tag = randomBytes(3).toString('hex');
const ADMIN_NEW_PASSWORD = `Adm1n-${tag}-pass`;
const CUSTOMER_NEW_PASSWORD = `Cust0mer-${tag}-pass`;
const customer = { username: `e2e_${tag}`, company: `ACME${tag.toUpperCase()}`, email: `ops-${tag}@acme.example` };
const decoy = { username: `e2e_decoy_${tag}`, company: `DECOY${tag.toUpperCase()}`, email: `decoy-${tag}@other.example` };
const machineName = `gpu-e2e-${tag}`;

describe('e2e: admin and customer in the browser, through a real terminal to the replay', function () {
  this.timeout(180_000);
  this.bail(true); // the steps are one story: later ones need the earlier ones

  let stack: Stack;
  let sshd: TestSshd;
  let browser: Browser;
  const log = new ConsoleLog();
  let admin: Page;
  let customerCtx: BrowserContext;
  let portal: Page;
  let gw: string;
  let machineId = '';
  let sessionId = '';
  let customerPassword = '';

  before(async function () {
    this.timeout(90_000);
    [stack, sshd, browser] = await Promise.all([startStack({ gateway: true }), startSshd(), launchBrowser()]);
    gw = stack.gatewayUrl!;
    ({ page: admin } = await newPage(browser, log, 'admin'));
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const name = `FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    for (const [who, p] of [['admin', admin], ['customer', portal]] as const) {
      if (p && !p.isClosed()) await shot(p, `${name}-${who}`).catch(() => undefined);
    }
    log.save(`${name}-console.log`);
    console.error(`    e2e artifacts: ${ARTIFACTS}`);
  });

  after(async function () {
    this.timeout(60_000);
    log.save('console.log');
    await browser?.close().catch(() => undefined);
    await stack?.close();
    await sshd?.stop();
  });

  it('2. admin signs in with the seeded password, is made to change it, and lands on the console', async () => {
    await admin.goto(gw + '/');
    await admin.waitForURL(/#\/login$/);
    // the language toggle is there before signing in, and the UI starts in Chinese
    assert.equal(await byTestId(admin, 'lang-toggle').textContent(), 'English');
    await signIn(admin, 'admin', 'wrong-Passw0rd');
    await byTestId(admin, 'login-error').waitFor();
    await signIn(admin, 'admin', DEFAULT_PASSWORD);

    await admin.waitForURL(/#\/change-password$/);
    await changePassword(admin, DEFAULT_PASSWORD, ADMIN_NEW_PASSWORD, ADMIN_NEW_PASSWORD + 'x');
    await byTestId(admin, 'cp-error').waitFor(); // mismatch caught before anything is sent
    // the forced page holds: the console is not reachable before the change
    await admin.goto(gw + '/#/admin/customers');
    await admin.waitForURL(/#\/change-password$/);
    await changePassword(admin, DEFAULT_PASSWORD, ADMIN_NEW_PASSWORD);

    await admin.waitForURL(/#\/admin$/);
    await byTestId(admin, 'nav-dashboard').waitFor();
    assert.equal(await byTestId(admin, 'current-user').textContent(), 'admin');
    // the seeded password is gone, the new one works (read back through the API)
    assert.equal((await new Api(gw).post('/api/v1/auth/login', { username: 'admin', password: DEFAULT_PASSWORD })).code !== 0, true);
    const fresh = await new Api(gw).login('admin', ADMIN_NEW_PASSWORD);
    assert.equal((await fresh.get('/api/v1/auth/me')).data?.must_change_password ?? false, false);
    await shot(admin, '01-admin-console');
  });

  it('the language toggle switches the console between Chinese and English', async () => {
    const nav = byTestId(admin, 'nav-customers');
    assert.equal((await nav.textContent())?.trim().endsWith('客户'), true, await nav.textContent() ?? '');
    await byTestId(admin, 'lang-toggle').click();
    await waitForText(nav, /Customers$/);
    await waitForText(byTestId(admin, 'nav-sessions'), /Sessions$/);
    assert.equal(await admin.evaluate(() => document.documentElement.lang), 'en-US');
    await shot(admin, '02-admin-english');
    // the choice survives a reload
    await admin.reload();
    await waitForText(byTestId(admin, 'nav-customers'), /Customers$/);
    await byTestId(admin, 'lang-toggle').click();
    await waitForText(byTestId(admin, 'nav-customers'), /客户$/);
    assert.equal(await admin.evaluate(() => document.documentElement.lang), 'zh-CN');
  });

  it('3. admin creates a customer, finds it, disables and re-enables it, and resets its password', async () => {
    await byTestId(admin, 'nav-customers').click();
    await admin.waitForURL(/#\/admin\/customers/);
    await byTestId(admin, 'list-empty').waitFor(); // a fresh database has no customers

    for (const c of [decoy, customer]) { // the decoy first, so ours is the newest
      await byTestId(admin, 'customer-new').click();
      const form = byTestId(admin, 'customer-form');
      await form.waitFor();
      await byTestId(form, 'customer-username').fill(c.username);
      await byTestId(form, 'customer-company').fill(c.company);
      await byTestId(form, 'customer-email').fill(c.email);
      // no password: the default applies
      await byTestId(admin, 'customer-submit').click();
      await form.waitFor({ state: 'detached' });
      await successToast(admin, c.username);
      await byTestId(admin, 'customer-row', `[data-username="${c.username}"]`).waitFor();
    }
    const rows = byTestId(admin, 'customer-row');
    await until('two customer rows', async () => (await rows.count()) === 2);
    // newest first; the index column counts from 1
    assert.equal(await rows.nth(0).getAttribute('data-username'), customer.username);
    assert.equal((await rows.nth(0).locator('td').first().textContent())?.trim(), '1');
    assert.equal((await rows.nth(1).locator('td').first().textContent())?.trim(), '2');
    const row = byTestId(admin, 'customer-row', `[data-username="${customer.username}"]`);
    assert.equal(await row.getAttribute('data-status'), 'active');
    assert.match((await row.textContent()) ?? '', new RegExp(customer.company));
    assert.match((await row.textContent()) ?? '', new RegExp(customer.email.replace(/\./g, '\\.')));

    // search by a keyword (the company code, in lower case) finds exactly ours; the filter lives in the URL
    await byTestId(admin, 'customer-search').fill(customer.company.toLowerCase());
    await byTestId(admin, 'customer-search').press('Enter');
    await admin.waitForURL(/keyword=/);
    await until('the search to leave one row', async () => (await rows.count()) === 1 && (await rows.first().getAttribute('data-username')) === customer.username);
    assert.equal((await rows.first().locator('td').first().textContent())?.trim(), '1');
    await shot(admin, '03-customer-search');

    // disable (asks first, naming the customer) -> disabled
    await byTestId(row, 'customer-disable').click();
    const dialog = byTestId(admin, 'confirm-dialog');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', new RegExp(customer.username));
    await byTestId(dialog, 'confirm-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await byTestId(admin, 'customer-row', `[data-username="${customer.username}"][data-status="disabled"]`).waitFor();
    await successToast(admin, customer.username);
    assert.equal(await byTestId(row, 'customer-status').getAttribute('data-status'), 'disabled');
    await byTestId(row, 'customer-enable').waitFor();
    assert.equal(await byTestId(row, 'customer-disable').count(), 0);
    await shot(admin, '04-customer-disabled');
    // a disabled account cannot sign in (read back through the API: default password, not yet changed)
    const refused = await new Api(gw).post('/api/v1/auth/login', { username: customer.username, password: DEFAULT_PASSWORD });
    assert.equal(refused.code, 1003, `disabled login: ${refused.status} ${refused.code} ${refused.msg}`);

    // cancel leaves it as it is; OK enables it again
    await byTestId(row, 'customer-enable').click();
    await byTestId(dialog, 'confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await row.getAttribute('data-status'), 'disabled');
    await byTestId(row, 'customer-enable').click();
    await byTestId(dialog, 'confirm-ok').click();
    await byTestId(admin, 'customer-row', `[data-username="${customer.username}"][data-status="active"]`).waitFor();
    assert.equal(await byTestId(row, 'customer-status').getAttribute('data-status'), 'active');

    // reset password: asks, then shows the new password once
    await byTestId(row, 'customer-reset').click();
    await byTestId(dialog, 'confirm-ok').click();
    const shown = byTestId(admin, 'reset-password-dialog');
    await shown.waitFor();
    customerPassword = ((await byTestId(shown, 'reset-password-value').textContent()) ?? '').trim();
    assert.match(customerPassword, /^[A-Za-z0-9]{12,}$/, `reset password shown: ${JSON.stringify(customerPassword)}`);
    assert.notEqual(customerPassword, DEFAULT_PASSWORD);
    await shot(admin, '05-customer-reset-password');
    await byTestId(shown, 'reset-password-close').click();
    await shown.waitFor({ state: 'detached' });
  });

  it('4. admin adds the machine by form, sets it online and allocates it to the company', async () => {
    await byTestId(admin, 'nav-machines').click();
    await admin.waitForURL(/#\/admin\/machines/);

    // a JSON batch first: one good row, one bad one, a result for each
    await byTestId(admin, 'machine-import').click();
    const importer = byTestId(admin, 'import-dialog');
    await byTestId(importer, 'import-json').fill(JSON.stringify([
      { name: `${machineName}-spare`, region: 'e2e-local', host: '192.0.2.50', ssh_username: 'root', ssh_password: 'Spare-pass1' },
      { name: 'bad name!', region: 'e2e-local', host: '192.0.2.51', ssh_username: 'root', ssh_password: 'x' },
    ]));
    await byTestId(importer, 'import-submit').click();
    await waitForText(byTestId(importer, 'import-summary'), /1.*1/);
    assert.deepEqual(await byTestId(importer, 'import-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ok'))), ['true', 'false']);
    await importer.getByRole('button').last().click();
    await byTestId(admin, 'machine-row', `[data-name="${machineName}-spare"]`).waitFor();

    await byTestId(admin, 'machine-new').click();
    const form = byTestId(admin, 'machine-form');
    await form.waitFor();
    await byTestId(form, 'machine-name').fill(machineName);
    await byTestId(form, 'machine-region').fill('e2e-local');
    await byTestId(form, 'machine-host').fill(sshd.host);
    await byTestId(form, 'machine-port').fill(String(sshd.port));
    await byTestId(form, 'machine-user').fill(sshd.username);
    await byTestId(form, 'machine-auth').selectOption('password');
    await byTestId(form, 'machine-password').fill(sshd.password);
    await byTestId(admin, 'machine-submit').click();
    await form.waitFor({ state: 'detached' });
    await successToast(admin, machineName);

    const row = byTestId(admin, 'machine-row', `[data-name="${machineName}"]`);
    await row.waitFor();
    machineId = (await row.getAttribute('data-id')) ?? '';
    assert.match(machineId, /^\d+$/);
    assert.match((await row.textContent()) ?? '', new RegExp(`${sshd.host}:${sshd.port}`));
    await row.click();
    await admin.waitForURL(new RegExp(`#/admin/machines/${machineId}$`));
    await waitForText(byTestId(admin, 'machine-title'), machineName);
    const status = byTestId(admin, 'machine-status');
    assert.notEqual(await status.getAttribute('data-status'), 'online');

    await byTestId(admin, 'machine-set-online').click();
    await byTestId(admin, 'machine-status', '[data-status="online"]').waitFor();
    assert.equal(await byTestId(admin, 'machine-set-online').isDisabled(), true);

    const alloc = byTestId(admin, 'machine-allocation');
    const tenantSelect = byTestId(alloc, 'allocate-tenant');
    // the select offers "COMPANY (owner)" for every active company
    await until('the tenant options', async () => (await tenantSelect.locator('option', { hasText: `${customer.company} (${customer.username})` }).count()) === 1);
    await tenantSelect.selectOption({ label: `${customer.company} (${customer.username})` });
    const end = new Date(Date.now() + 14 * 86_400_000);
    const endDay = `${end.getFullYear()}-${String(end.getMonth() + 1).padStart(2, '0')}-${String(end.getDate()).padStart(2, '0')}`;
    await byTestId(alloc, 'allocate-end').fill(endDay);
    await byTestId(alloc, 'allocate-submit').click();
    await byTestId(admin, 'machine-status', '[data-status="allocated"]').waitFor();
    await waitForText(byTestId(admin, 'allocation-tenant'), customer.company);
    await successToast(admin, customer.company);
    await byTestId(admin, 'machine-reclaim').waitFor();
    await shot(admin, '06-machine-allocated');

    // the list says so too
    await byTestId(admin, 'nav-machines').click();
    await byTestId(admin, 'machine-row', `[data-name="${machineName}"]`).waitFor();
    await byTestId(admin, 'machine-row', `[data-name="${machineName}"] [data-testid="machine-status"][data-status="allocated"]`).waitFor();
    await waitForText(byTestId(admin, 'machine-row', `[data-name="${machineName}"]`), customer.company);
  });

  it('5. customer changes the password, sees the one machine, and works in the web terminal', async () => {
    ({ context: customerCtx, page: portal } = await newPage(browser, log, 'customer'));
    await portal.goto(gw + '/');
    await portal.waitForURL(/#\/login$/);
    await signIn(portal, customer.username, customerPassword);
    await portal.waitForURL(/#\/change-password$/);
    await changePassword(portal, customerPassword, CUSTOMER_NEW_PASSWORD);
    await portal.waitForURL(/#\/machines$/);
    assert.equal(await byTestId(portal, 'current-user').textContent(), customer.username);

    // My machines: exactly that one machine, allocated
    const cards = byTestId(portal, 'my-machine');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 1);
    assert.equal(await cards.first().getAttribute('data-name'), machineName);
    assert.equal(await cards.first().getAttribute('data-id'), machineId);
    assert.equal(await byTestId(cards.first(), 'my-machine-status').getAttribute('data-status'), 'allocated');
    await shot(portal, '07-my-machines');

    // Connection: host, port, user and the ssh line
    await byTestId(cards.first(), 'show-connection').click();
    const conn = byTestId(portal, 'connection-dialog');
    await waitForText(byTestId(conn, 'conn-command'), 'ssh');
    assert.equal((await byTestId(conn, 'conn-command').textContent())?.trim(), `ssh -p ${sshd.port} ${sshd.username}@127.0.0.1`);
    assert.equal((await byTestId(conn, 'conn-host').textContent())?.trim(), '127.0.0.1');
    assert.equal((await byTestId(conn, 'conn-port').textContent())?.trim(), String(sshd.port));
    assert.equal((await byTestId(conn, 'conn-user').textContent())?.trim(), sshd.username);
    assert.ok(!((await conn.textContent()) ?? '').includes(sshd.password), 'the machine password never reaches the customer');
    await shot(portal, '08-connection');
    await byTestId(conn, 'connection-close').click();
    await conn.waitFor({ state: 'detached' });

    // Terminal
    await byTestId(cards.first(), 'open-terminal').click();
    await portal.waitForURL(new RegExp(`#/terminal/${machineId}$`));
    await byTestId(portal, 'terminal-state', '[data-state="connected"]').waitFor({ timeout: 30_000 });
    await byTestId(portal, 'terminal-rec').waitFor();
    assert.equal(await byTestId(portal, 'terminal-reason').count(), 0);
    await byTestId(portal, 'terminal').click();
    await waitForScreen(portal, /\$ ?$/m, 'the shell prompt');
    await shot(portal, '09-terminal-connected');

    // the admin sees it live meanwhile
    await byTestId(admin, 'nav-sessions').click();
    await admin.waitForURL(/#\/admin\/sessions/);
    const live = byTestId(admin, 'session-row', '[data-status="active"]');
    await until('the live session in the admin list', async () => {
      if ((await live.count()) === 1) return true;
      await admin.getByRole('button', { name: /刷新|Refresh/ }).click();
      await admin.waitForTimeout(500);
      return false;
    }, 20_000, 0);
    sessionId = (await live.getAttribute('data-id')) ?? '';
    assert.match(sessionId, /^[0-9a-f-]{36}$/);
    await byTestId(live, 'session-terminate').waitFor(); // live rows can be ended from here
    await shot(admin, '09-admin-live-session');

    await typeCommand(portal, "echo 你好 $((6*7)); printf '\\e[31mRED\\e[0m\\n'");
    let screen = await waitForScreen(portal, /^你好 42$/m, '"你好 42" on the terminal');
    assert.match(screen, /^RED$/m);
    // RED is drawn in red (xterm's palette colour 1), not echoed as an escape sequence
    const red = await portal.locator('.xterm-rows span.xterm-fg-1').allTextContents();
    assert.ok(red.some((t) => t.includes('RED')), `red spans: ${JSON.stringify(red)}`);
    // the output line is bare RED (the sequence was interpreted), unlike the typed command line
    assert.ok(screen.split('\n').filter((l) => l.includes('[31m')).every((l) => l.includes('printf')), 'escape sequence in output');

    // the admin watches the live session read-only: what was typed so far, then what comes next
    await byTestId(live, 'session-watch').click();
    await admin.waitForURL(new RegExp(`#/admin/sessions/${sessionId}/watch$`));
    await admin.locator('[data-testid="watch-state"][data-state="watching"]').waitFor();
    await waitForScreen(admin, /^你好 42$/m, 'the watcher caught up');
    await typeCommand(portal, 'echo watched-$((7*6))');
    await waitForScreen(admin, /^watched-42$/m, 'the watcher sees new output live');
    await shot(admin, '09-admin-watching');
    await admin.goBack();

    // the terminal follows the window: stty sees the new size, and it matches the rows drawn
    const rowsDrawn = () => portal.locator('.xterm-rows > div').count();
    await typeCommand(portal, 'echo S1=$(stty size)=');
    screen = await waitForScreen(portal, /S1=\d+ \d+=/, 'stty size at 1280x720');
    const [rows1, cols1] = /S1=(\d+) (\d+)=/.exec(screen)!.slice(1).map(Number);
    assert.equal(rows1, await rowsDrawn(), 'stty rows = rows drawn');
    assert.ok(cols1 >= 100, `cols at 1280 px: ${cols1}`);
    await portal.setViewportSize({ width: 900, height: 540 });
    await until('xterm to refit to the smaller window', async () => (await rowsDrawn()) < rows1);
    const rows2Drawn = await rowsDrawn();
    await typeCommand(portal, 'echo S2=$(stty size)=');
    screen = await waitForScreen(portal, /S2=\d+ \d+=/, 'stty size at 900x540');
    const [rows2, cols2] = /S2=(\d+) (\d+)=/.exec(screen)!.slice(1).map(Number);
    assert.equal(rows2, rows2Drawn, 'stty rows after resize = rows drawn');
    assert.ok(rows2 < rows1 && cols2 < cols1, `size went from ${rows1}x${cols1} to ${rows2}x${cols2}`);
    assert.ok(Math.abs(cols2 / cols1 - (900 - 6) / (1280 - 6)) < 0.05, `cols scale with the width: ${cols1} -> ${cols2}`);
    await shot(portal, '10-terminal-resized');

    // a full-screen program: top draws, refreshes, and quits on q
    await typeCommand(portal, 'top -d 1');
    screen = await waitForScreen(portal, 'load average', 'top to draw');
    const clock = (s: string) => /top - (\d\d:\d\d:\d\d)/.exec(s)?.[1];
    const first = clock(screen);
    assert.ok(first, `top's header: ${screen.split('\n')[0]}`);
    await until('top to refresh (its clock moves)', async () => { const c = clock(await screenText(portal)); return c && c !== first; }, 10_000);
    await shot(portal, '11-terminal-top');
    await portal.keyboard.press('q');
    await typeCommand(portal, 'echo after-top=$((20+22))');
    await waitForScreen(portal, /^after-top=42$/m, 'the shell back after top quit');
    // a clean screen with the typed command and its output, for terminal.png
    await typeCommand(portal, 'clear');
    await until('the screen to clear', async () => !(await screenText(portal)).includes('after-top'), 10_000);
    await typeCommand(portal, "echo 你好 $((6*7)); printf '\\e[31mRED\\e[0m\\n'");
    screen = await waitForScreen(portal, /^你好 42$/m, '"你好 42" again');
    assert.match(screen, /^RED$/m);
    await shot(portal, 'terminal');

    // the close button asks first while connected; cancelling keeps the session
    await byTestId(portal, 'terminal-close').click();
    const ask = byTestId(portal, 'confirm-dialog');
    await ask.waitFor();
    assert.match((await ask.textContent()) ?? '', new RegExp(machineName));
    await byTestId(portal, 'confirm-cancel').click();
    assert.equal(await byTestId(portal, 'terminal-state').getAttribute('data-state'), 'connected');

    // closing the tab asks the browser's own question, then ends the session
    const asked = new Promise<string>((resolve) => portal.once('dialog', (d) => { resolve(d.type()); void d.accept(); }));
    await portal.close({ runBeforeUnload: true });
    assert.equal(await asked, 'beforeunload');
    const closedRow = byTestId(admin, 'session-row', `[data-id="${sessionId}"][data-status="closed"]`);
    await until('the session to show as closed', async () => {
      if ((await closedRow.count()) === 1) return true;
      await admin.getByRole('button', { name: /刷新|Refresh/ }).click();
      await admin.waitForTimeout(500);
      return false;
    }, 30_000, 0);
  });

  it('6. admin finds the closed session and replays it, changes speed, and downloads the .cast', async () => {
    const row = byTestId(admin, 'session-row', `[data-id="${sessionId}"]`);
    assert.equal(await byTestId(admin, 'session-row').count(), 1);
    const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
    assert.equal(cells[0], customer.username);
    assert.equal(cells[1], machineName);
    assert.equal(cells[2], 'SSH');
    assert.equal(await row.getAttribute('data-status'), 'closed');
    const badge = row.locator('.badge[data-status]');
    assert.equal(await badge.getAttribute('data-status'), 'closed');
    assert.equal((await badge.textContent())?.trim(), '已结束'); // the console is in Chinese
    assert.match(cells[3], /浏览器关闭了终端/); // the close reason, in the reader's language, under the badge
    // traffic both ways, neither zero
    const traffic = /↑(\S+) (\S+) ↓(\S+) (\S+)/.exec(cells[6]);
    assert.ok(traffic, `traffic cell: ${cells[6]}`);
    assert.ok(Number(traffic[1]) > 0 && Number(traffic[3]) > 0, `traffic cell: ${cells[6]}`);
    assert.equal(await byTestId(row, 'session-terminate').count(), 0); // nothing to terminate any more
    // the status filter keeps it (closed) and drops it (active)
    await byTestId(admin, 'session-filter-status').selectOption('active');
    await admin.waitForURL(/status=active/);
    await until('the active filter to empty the list', async () => (await byTestId(admin, 'list-empty').count()) === 1);
    await byTestId(admin, 'session-filter-status').selectOption('closed');
    await admin.waitForURL(/status=closed/);
    await row.waitFor();
    await shot(admin, '12-admin-sessions');

    await row.click();
    await admin.waitForURL(new RegExp(`#/admin/sessions/${sessionId}$`));
    await waitForText(byTestId(admin, 'replay-user'), customer.username);
    const player = byTestId(admin, 'replay-player');
    await player.locator('.ap-player').waitFor();
    assert.equal(await byTestId(admin, 'replay-error').count(), 0);
    const download = admin.locator('a[data-testid="replay-download"]');
    await download.waitFor(); // a link once the file is loaded

    // speed: 0.5x to 8x offered; 8x re-creates the player at that speed
    const speeds = await byTestId(admin, 'replay-speed').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.deepEqual(speeds, ['0.5', '1', '1.5', '2', '4', '8']);
    await byTestId(admin, 'replay-speed').selectOption('8');
    await player.locator('.ap-player').waitFor();

    // play: the clock advances and the terminal in the player shows the output
    const elapsed = player.locator('.ap-time-elapsed');
    const before = (await elapsed.textContent())?.trim();
    await player.locator('.ap-player').click();
    await until('the replay clock to move', async () => { const t = (await elapsed.textContent())?.trim(); return t && t !== before; }, 20_000);
    await waitForText(player.locator('.ap-term'), '你好 42', 60_000);
    await shot(admin, '13-replay');

    // Download gives the original asciicast v2 file
    const [file] = await Promise.all([admin.waitForEvent('download'), download.click()]);
    assert.equal(file.suggestedFilename(), `${sessionId}.cast`);
    const cast = await readFile((await file.path())!, 'utf8');
    const [headerLine, ...eventLines] = cast.trim().split('\n');
    const header = JSON.parse(headerLine);
    assert.equal(header.version, 2);
    assert.ok(header.width > 0 && header.height > 0);
    const events = eventLines.map((l) => JSON.parse(l) as [number, string, string]);
    const output = events.filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    assert.ok(output.includes('你好 42'), 'the recording holds the output');
    assert.ok(output.includes('load average'), 'the recording holds top');
    assert.ok(events.some((e) => e[1] === 'r'), 'the recording holds the resize');
    await file.saveAs(`${ARTIFACTS}/session.cast`);
    // byte for byte what the API serves (read back through the API)
    const api = await new Api(gw).login('admin', ADMIN_NEW_PASSWORD);
    const res = await fetch(`${gw}/api/v1/sessions/${sessionId}/recording?download=1`, { headers: { authorization: `Bearer ${api.token}` } });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), cast);
  });

  it('4 (end of term). admin reclaims the machine with a reason; it is online again and gone from the customer', async () => {
    await admin.goto(`${gw}/#/admin/machines/${machineId}`);
    await byTestId(admin, 'machine-status', '[data-status="allocated"]').waitFor();
    await byTestId(admin, 'machine-reclaim').click();
    const dialog = byTestId(admin, 'reclaim-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.ok(text.includes(machineName) && text.includes(customer.company), `reclaim dialog names both: ${text}`);
    await byTestId(dialog, 'reclaim-submit').click(); // no reason: refused in the dialog
    await dialog.locator('.form-error').waitFor();
    await byTestId(dialog, 'reclaim-reason').fill('e2e: term over');
    await byTestId(dialog, 'reclaim-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await byTestId(admin, 'machine-status', '[data-status="online"]').waitFor();
    await successToast(admin, machineName);
    await byTestId(admin, 'allocate-submit').waitFor(); // free again
    await waitForText(byTestId(admin, 'allocation-row').first(), 'e2e: term over');
    await shot(admin, '14-machine-reclaimed');

    const p = log.watch('customer-2', await customerCtx.newPage());
    await p.goto(gw + '/#/machines');
    await byTestId(p, 'list-empty').waitFor();
    await p.close();
  });

  it('logout returns to the login page and the old token no longer works', async () => {
    const token = await admin.evaluate(() => JSON.parse(localStorage.getItem('remotegpu.session') ?? 'null')?.access_token as string | undefined);
    assert.ok(token);
    assert.equal((await new Api(gw, token).get('/api/v1/auth/me')).status, 200);
    await byTestId(admin, 'logout').click();
    await admin.waitForURL(/#\/login$/);
    await byTestId(admin, 'login-username').waitFor();
    assert.equal(await admin.evaluate(() => localStorage.getItem('remotegpu.session')), null);
    const after = await new Api(gw, token).get('/api/v1/auth/me');
    assert.equal(after.status, 401, `old token after logout: ${after.status} ${after.code} ${after.msg}`);
    // and the console is closed to this browser now
    await admin.goto(gw + '/#/admin/sessions');
    await admin.waitForURL(/#\/login$/);
    await shot(admin, '15-logged-out');
  });
});
