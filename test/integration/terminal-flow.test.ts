import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reapLostSessions, reapUnusedSessions } from '@remotegpu/control/commands/sessionReaper';
import { sessionAliveKey } from '@remotegpu/common/internal';
import { AccessSession, AuditLog } from '@remotegpu/control/models';
import type { Api } from '../helpers/api';
import { buildMachine, loginAs } from '../helpers/factories';
import { startSshd, type TestSshd } from '../helpers/sshd';
import { startStack, type Stack } from '../helpers/stack';
import { connectTerminal } from '../helpers/terminal';

const run = promisify(execFile);

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The whole access spine through control, the gateway and a real sshd.
describe('terminal session: control + gateway + real sshd', function () {
  this.timeout(60_000);
  let stack: Stack;
  let sshd: TestSshd;
  let admin: Api;
  before(async () => {
    [stack, sshd] = await Promise.all([startStack({ gateway: true }), startSshd()]);
    admin = (await loginAs(stack, { role: 'admin' })).api;
  });
  after(async () => { await stack?.close(); await sshd?.stop(); });

  async function allocatedMachine(tenantId: number) {
    const m = await buildMachine(stack, { host: sshd.host, ssh_port: sshd.port, ssh_username: sshd.username, password: sshd.password });
    const r = await admin.post(`/api/v1/admin/machines/${m.id}/allocate`, { tenant_id: tenantId, end_at: new Date(Date.now() + 86400_000).toISOString() });
    assert.equal(r.code, 0, r.msg);
    return m;
  }

  // A customer with an allocated machine and a session ticket for it; `connect` opens
  // the terminal and waits until the shell is ready and control calls it active.
  async function customerSession() {
    const { user, api: customer } = await loginAs(stack, { role: 'customer_owner' });
    const m = await allocatedMachine(user.tenant_id!);
    const opened = await customer.post(`/api/v1/machines/${m.id}/sessions`, { protocol: 'ssh' });
    assert.equal(opened.status, 201, opened.msg);
    const id: string = opened.data.session_id;
    const connect = async () => {
      const term = await connectTerminal(stack.gatewayUrl!, opened.data.ws_url);
      await term.waitForText('ready');
      await until(async () => (await AccessSession.findByPk(id))?.status === 'active');
      return term;
    };
    return { user, customer, m, opened, id, connect };
  }

  it('lets a customer open a recorded terminal that the admin can list and replay', async () => {
    const { user, api: customer } = await loginAs(stack, { role: 'customer_owner' });
    const m = await allocatedMachine(user.tenant_id!);
    const opened = await customer.post(`/api/v1/machines/${m.id}/sessions`, { protocol: 'ssh' });
    assert.equal(opened.status, 201, opened.msg);
    assert.match(opened.data.ws_url, /^\/ws\/ssh\?ticket=/);
    assert.ok(!JSON.stringify(opened.data).includes(sshd.password), 'credentials never reach the browser');

    const term = await connectTerminal(stack.gatewayUrl!, opened.data.ws_url);
    await term.waitForText('ready');
    term.resize(120, 40);
    term.type('stty size; echo 你好 $((6*7))\n');
    await term.waitFor('40 120');
    await term.waitFor('你好 42');
    const live = await admin.get('/api/v1/admin/sessions?status=active');
    assert.ok(live.data.items.some((s: { id: string }) => s.id === opened.data.session_id));
    term.ws.close();

    const ended = await until(async () => {
      const s = await admin.get(`/api/v1/admin/sessions/${opened.data.session_id}`);
      return s.data.status === 'closed' ? s.data : null;
    });
    assert.equal(ended.username, user.username);
    assert.equal(ended.machine_name, m.name);
    assert.equal(ended.protocol, 'ssh');
    assert.ok(ended.bytes_out > 0 && ended.bytes_in > 0);
    assert.ok(ended.duration_seconds >= 0 && ended.ended_at);
    assert.ok(ended.recording_size > 0);

    const res = await fetch(`${stack.controlUrl}/api/v1/sessions/${ended.id}/recording?download=1`, { headers: { authorization: `Bearer ${admin.token}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="[0-9a-f-]+\.cast"/);
    const cast = await res.text();
    assert.equal(cast.length > 0 && Buffer.byteLength(cast), ended.recording_size);
    const [header, ...events] = cast.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(header.version, 2);
    assert.ok(events.every((e: unknown[]) => typeof e[0] === 'number' && ['o', 'r'].includes(e[1] as string)));
    assert.ok(events.filter((e: unknown[]) => e[1] === 'o').map((e: unknown[]) => e[2]).join('').includes('你好 42'));
    // the file plays in asciinema's own player
    const file = join(mkdtempSync(join(tmpdir(), 'rg-cast-')), 'session.cast');
    writeFileSync(file, cast);
    // asciinema reads its controls from a terminal: give it one with script(1)
    const played = await run('script', ['-qec', `asciinema play --speed 20 --idle-time-limit 0.1 ${file}`, '/dev/null'],
      { env: { ...process.env, LANG: 'C.UTF-8' }, timeout: 20_000 });
    assert.ok(played.stdout.includes('你好 42'));

    assert.ok(await AuditLog.findOne({ where: { action: 'session_open', resource_id: ended.id } }));
    assert.ok(await AuditLog.findOne({ where: { action: 'session_close', resource_id: ended.id } }));
    // the customer who owns the tenant may fetch it too; another tenant may not
    assert.equal((await fetch(`${stack.controlUrl}/api/v1/sessions/${ended.id}/recording`, { headers: { authorization: `Bearer ${customer.token}` } })).status, 200);
    const { api: stranger } = await loginAs(stack, { role: 'customer_owner' });
    const denied = await stranger.get(`/api/v1/sessions/${ended.id}/recording`);
    assert.deepEqual([denied.status, denied.code], [404, 3002]);
    assert.equal((await stranger.get(`/api/v1/sessions/${ended.id}`)).status, 404);
    assert.equal((await stranger.post(`/api/v1/machines/${m.id}/sessions`, { protocol: 'ssh' })).status, 404);
    assert.equal((await customer.get('/api/v1/admin/sessions')).status, 403);
  });

  it('lets an admin terminate a live session', async () => {
    const { opened, connect } = await customerSession();
    const term = await connect();
    const t = await admin.post(`/api/v1/admin/sessions/${opened.data.session_id}/terminate`);
    assert.equal(t.code, 0, t.msg);
    const closed = await term.closed;
    assert.equal(closed.code, 4004);
    const s = await until(async () => {
      const row = await AccessSession.findByPk(opened.data.session_id);
      return row?.status === 'terminated' ? row : null;
    });
    assert.equal(s.status, 'terminated');
    assert.equal((await admin.post(`/api/v1/admin/sessions/${opened.data.session_id}/terminate`)).code, 4002);
  });

  it('refuses a ticket used twice and says clearly that remote desktop needs guacd', async () => {
    const { customer, m, opened, connect } = await customerSession();
    const term = await connect();
    await assert.rejects(connectTerminal(stack.gatewayUrl!, opened.data.ws_url), (e: { status: number }) => e.status === 401);
    term.ws.close();
    const vnc = await customer.post(`/api/v1/machines/${m.id}/sessions`, { protocol: 'vnc' });
    assert.equal(vnc.status, 503);
    assert.match(vnc.msg, /guacd is not configured/);
  });

  it('records a failed login on the machine as a failed session with its reason', async () => {
    const m = await buildMachine(stack, { host: sshd.host, ssh_port: sshd.port, ssh_username: sshd.username, password: 'not-the-password' });
    const opened = await admin.post(`/api/v1/machines/${m.id}/sessions`, { protocol: 'ssh' });
    assert.equal(opened.status, 201, opened.msg);
    const term = await connectTerminal(stack.gatewayUrl!, opened.data.ws_url);
    assert.equal((await term.closed).code, 4003);
    const s = await until(async () => {
      const r = await admin.get(`/api/v1/admin/sessions/${opened.data.session_id}`);
      return r.data.status === 'failed' ? r.data : null;
    });
    assert.match(s.close_reason, /auth/i);
    assert.equal(s.has_recording, false);
    assert.equal((await admin.get(`/api/v1/sessions/${s.id}/recording`)).status, 404);
  });

  it('pins the machine\'s host key on first use and refuses an impostor after that', async () => {
    const m = await buildMachine(stack, { host: sshd.host, ssh_port: sshd.port, ssh_username: sshd.username, password: sshd.password });
    const openAndWait = async () => {
      const opened = await admin.post(`/api/v1/machines/${m.id}/sessions`, { protocol: 'ssh' });
      return connectTerminal(stack.gatewayUrl!, opened.data.ws_url);
    };
    const first = await openAndWait();
    await first.waitForText('ready');
    first.ws.close();
    const learned = await until(async () => (await admin.get(`/api/v1/admin/machines/${m.id}`)).data.ssh_host_key_sha256);
    assert.equal(learned, sshd.hostKeySha256);
    assert.ok(await AuditLog.findOne({ where: { action: 'learn_host_key', resource_id: String(m.id) } }));

    // the machine now presents another key: refused before any login is attempted
    const forged = 'SHA256:' + 'B'.repeat(43);
    assert.equal((await admin.patch(`/api/v1/admin/machines/${m.id}`, { ssh_host_key_sha256: forged })).code, 0);
    const refused = await openAndWait();
    assert.equal((await refused.closed).code, 4009);

    // the admin clears the pin (machine reinstalled): the next session learns the key again
    assert.equal((await admin.patch(`/api/v1/admin/machines/${m.id}`, { ssh_host_key_sha256: null })).data.ssh_host_key_sha256, null);
    const again = await openAndWait();
    await again.waitForText('ready');
    again.ws.close();
    assert.equal(await until(async () => (await admin.get(`/api/v1/admin/machines/${m.id}`)).data.ssh_host_key_sha256), sshd.hostKeySha256);
    const bad = await admin.patch(`/api/v1/admin/machines/${m.id}`, { ssh_host_key_sha256: 'md5:00' });
    assert.equal(bad.code, 2001);
  });

  it('marks a session whose ticket was never used as failed once the ticket is long expired', async () => {
    const { opened } = await customerSession();
    assert.equal(await reapUnusedSessions(), 0, 'a fresh ticket is left alone');
    await reapUnusedSessions(new Date(Date.now() + 5 * 60_000));
    const s = (await admin.get(`/api/v1/admin/sessions/${opened.data.session_id}`)).data;
    assert.equal(s.status, 'failed');
    assert.match(s.close_reason, /never used/);
  });

  it('closes a live session that its gateway no longer vouches for (gateway crashed)', async () => {
    const { opened, connect } = await customerSession();
    const term = await connect();
    const later = new Date(Date.now() + 5 * 60_000);
    assert.ok(await stack.store.get(sessionAliveKey(opened.data.session_id)), 'the gateway vouches for it');
    assert.equal(await reapLostSessions(stack.store, later), 0, 'a vouched-for session is left alone');
    // what a crashed gateway leaves behind: nobody renews the voucher, so it expires
    await stack.store.del(sessionAliveKey(opened.data.session_id));
    assert.equal(await reapLostSessions(stack.store, later), 1);
    const s = (await admin.get(`/api/v1/admin/sessions/${opened.data.session_id}`)).data;
    assert.equal(s.status, 'failed');
    assert.match(s.close_reason, /gateway lost/);
    term.ws.close();
  });

  it('lets an admin watch a live session read-only, with the output so far', async () => {
    const { customer, opened, connect } = await customerSession();
    const term = await connect();
    term.resize(90, 30);
    term.type('echo before-$((40+2))\n');
    await term.waitFor('before-42');

    assert.equal((await customer.post(`/api/v1/admin/sessions/${opened.data.session_id}/watch`)).status, 403);
    const w = await admin.post(`/api/v1/admin/sessions/${opened.data.session_id}/watch`);
    assert.equal(w.code, 0, w.msg);
    assert.match(w.data.ws_url, /^\/ws\/watch\?ticket=/);
    // a watch ticket opens no terminal, and an SSH ticket watches nothing
    await assert.rejects(connectTerminal(stack.gatewayUrl!, w.data.ws_url.replace('/ws/watch', '/ws/ssh')), (e: { status: number }) => e.status === 401);
    const w2 = await admin.post(`/api/v1/admin/sessions/${opened.data.session_id}/watch`);
    const watcher = await connectTerminal(stack.gatewayUrl!, w2.data.ws_url);
    const ready = await watcher.waitForText('ready');
    assert.deepEqual([ready.watching, ready.cols, ready.rows], [true, 90, 30]);
    await watcher.waitFor('before-42'); // caught up from the recording
    term.type('echo during-$((50+5))\n');
    await watcher.waitFor('during-55'); // live
    watcher.type('echo from-watcher-$((1+1))\n'); // ignored: read-only
    term.type('echo after-$((3+3))\n');
    await term.waitFor('after-6');
    await watcher.waitFor('after-6');
    assert.ok(!term.text.includes('from-watcher-2'), 'a watcher cannot type into the session');
    assert.ok(await AuditLog.findOne({ where: { action: 'session_watch', resource_id: opened.data.session_id } }));

    term.ws.close();
    const closed = await watcher.closed;
    assert.ok(closed.code === 1000 || closed.code >= 4000, `watcher closed with ${closed.code}`);
    await until(async () => (await AccessSession.findByPk(opened.data.session_id))?.status === 'closed');
    assert.equal((await admin.post(`/api/v1/admin/sessions/${opened.data.session_id}/watch`)).code, 4002);
  });
});
