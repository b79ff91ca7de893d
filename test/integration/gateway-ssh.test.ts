import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { deriveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { TERMINATE_CHANNEL, type SessionEvent } from '@remotegpu/common/internal';
import { MemoryStore } from '@remotegpu/common/store';
import { sealTicket, type SshTicket } from '@remotegpu/common/ticket';
import { startGateway, type Gateway } from '@remotegpu/gateway/server';
import { ControlReportsDouble } from '../helpers/controlReportsDouble';
import { startSshd, type TestSshd } from '../helpers/sshd';
import { connectTerminal, TerminalClient } from '../helpers/terminal';

// The SSH web terminal end to end: a real OpenSSH sshd, the real gateway, a `ws`
// client playing the browser, and a test double standing in for control's
// internal session-events endpoint.

const run = promisify(execFile);

describe('gateway: SSH web terminal (real sshd)', function () {
  this.timeout(60_000);
  const keys = deriveKeys('gateway-ssh-test-secret-0123456789');
  let sshd: TestSshd;
  let control: ControlReportsDouble;
  let store: MemoryStore;
  let gateway: Gateway;
  let recordingsDir: string;
  let base: string;
  let controlUrl: string;

  before(async () => {
    sshd = await startSshd();
    control = new ControlReportsDouble(keys);
    controlUrl = await control.listen();
    store = new MemoryStore();
    recordingsDir = await mkdtemp(join(tmpdir(), 'rg-recordings-'));
    gateway = await startGateway({
      port: 0, host: '127.0.0.1', controlUrl, store, keys, recordingsDir,
      logger: createLogger('gateway-test', process.env.LOG_LEVEL ?? 'silent'),
    });
    base = `ws://127.0.0.1:${gateway.port}`;
  });

  after(async () => {
    await gateway?.close();
    await control?.close();
    await store?.close();
    await sshd?.stop();
    if (recordingsDir) await rm(recordingsDir, { recursive: true, force: true });
  });

  function ticketFor(target: Partial<SshTicket['target']> = {}, now = Date.now()) {
    const sessionId = randomUUID();
    const ticket = sealTicket(keys.ticket, {
      kind: 'ssh', session_id: sessionId, user_id: 7, username: 'alice', machine_id: 3,
      target: { host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password, ...target },
    }, now);
    return { sessionId, ticket };
  }

  function connect(ticket: string, headers: Record<string, string> = {}): Promise<TerminalClient> {
    return connectTerminal(base, `/ws/ssh?ticket=${encodeURIComponent(ticket)}`, headers);
  }

  async function openTerminal(target: Partial<SshTicket['target']> = {}) {
    const { sessionId, ticket } = ticketFor(target);
    const term = await connect(ticket, { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' });
    await term.waitForText('ready');
    term.resize(100, 30);
    return { sessionId, term };
  }

  async function refusal(ticket: string): Promise<{ status: number; body: { code: number; msg: string } }> {
    try {
      const t = await connect(ticket);
      t.ws.close();
    } catch (err) {
      return err as { status: number; body: { code: number; msg: string } };
    }
    throw new Error('handshake was accepted');
  }

  it('opens a shell, carries UTF-8 both ways, records it and reports start and end', async () => {
    const { sessionId, term } = await openTerminal();
    term.type('echo 你好 $((6*7))\n');
    await term.waitFor('你好 42');
    term.type("printf '\\e[31mred\\e[0m\\n'\n");
    await term.waitFor('\x1b[31mred\x1b[0m');
    term.type('exit\n');
    const closed = await term.closed;
    assert.equal(closed.code, 4000);
    assert.match(String(term.texts.at(-1)?.reason), /shell exited with code 0/);

    const end = await control.endOf(sessionId);
    const [start] = control.events.get(sessionId)!;
    assert.equal(start.type, 'start');
    assert.equal(control.badSignatures, 0);
    if (start.type !== 'start') return;
    // the gateway is the front door here: a client's X-Forwarded-For claim is not believed
    assert.equal(start.client_ip, '127.0.0.1');
    assert.equal(end.status, 'closed');
    assert.ok(end.bytes_in > 20 && end.bytes_out > 20, `bytes ${end.bytes_in}/${end.bytes_out}`);

    const d = new Date();
    const expected = join(recordingsDir, String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'),
      String(d.getUTCDate()).padStart(2, '0'), `${sessionId}.cast`);
    assert.equal(start.recording_path, expected);
    const st = await stat(expected);
    assert.equal(st.mode & 0o777, 0o640);
    assert.equal((await stat(join(expected, '..'))).mode & 0o777, 0o750);
    assert.equal(st.size, end.recording_size);

    const lines = (await readFile(expected, 'utf8')).trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    assert.equal(header.version, 2);
    assert.equal(header.width, 100); // the page's first resize, not the 80x24 default
    assert.equal(header.height, 30);
    assert.equal(header.env.TERM, 'xterm-256color');
    assert.equal(typeof header.timestamp, 'number');
    let out = '';
    let last = 0;
    for (const line of lines.slice(1)) {
      const ev = JSON.parse(line);
      assert.ok(Array.isArray(ev) && ev.length === 3, line);
      assert.equal(typeof ev[0], 'number');
      assert.ok(ev[0] >= last, 'times never go back');
      last = ev[0];
      assert.ok(ev[1] === 'o' || ev[1] === 'r', `event kind ${ev[1]}`);
      assert.equal(typeof ev[2], 'string');
      if (ev[1] === 'o') out += ev[2];
    }
    assert.ok(out.includes('你好 42'));
    assert.ok(out.includes('\x1b[31mred'));
    assert.ok(!out.includes('\uFFFD'), 'no broken characters');

    const asciinema = await run('asciinema', ['--version']).then(() => true, () => false);
    if (asciinema) {
      // asciinema cat insists on a terminal: give it one with script(1).
      const { stdout } = await run('script', ['-qec', `asciinema cat ${expected}`, '/dev/null'],
        { env: { ...process.env, LANG: 'C.UTF-8' } });
      assert.ok(stdout.includes('你好 42'));
    }
  });

  it('logs in with a private key too', async () => {
    const { term } = await openTerminal({ password: undefined, private_key: sshd.privateKey });
    term.type('echo key-$((1+1))\n');
    await term.waitFor('key-2');
    term.ws.close();
  });

  it('resizes the terminal on the machine and records the resize', async () => {
    const { sessionId, term } = await openTerminal();
    term.resize(120, 40);
    await new Promise((r) => setTimeout(r, 100));
    term.type('stty size\n');
    await term.waitFor(/40 120/);
    for (const bad of [{ cols: 0, rows: 10 }, { cols: 10.5, rows: 10 }, { cols: 1001, rows: 10 }, { cols: '80', rows: 24 }]) {
      term.ws.send(JSON.stringify({ type: 'resize', ...bad }));
    }
    term.ws.send('not json');
    term.type('stty size\n');
    await term.waitFor(/40 120[\s\S]*40 120/); // bad resizes ignored, session alive
    term.ws.close();
    const end = await control.endOf(sessionId);
    const start = control.events.get(sessionId)![0] as Extract<SessionEvent, { type: 'start' }>;
    const text = await readFile(start.recording_path, 'utf8');
    assert.ok(text.includes('"r","120x40"'));
    assert.equal(Buffer.byteLength(text), end.recording_size);
  });

  it('streams a busy full-screen program', async () => {
    const { term } = await openTerminal();
    term.type('top -b -d 0.2\n');
    await term.waitFor(/(top - [\s\S]*){5}/, 15_000);
    term.type('\x03');
    term.ws.close();
  });

  it('delivers bulk output whole and in order, and records exactly what the browser got', async () => {
    const { sessionId, term } = await openTerminal();
    term.type('seq 1 60000; echo BULK_""DONE\n');
    await term.waitFor('BULK_DONE', 20_000);
    const plain = term.text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
    const numbers = plain.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
    assert.deepEqual([numbers.length, numbers[0], numbers.at(-1)], [60000, 1, 60000]);
    assert.ok(numbers.every((n, i) => n === i + 1), 'no line lost or reordered');
    const received = term.text;
    term.ws.close();
    const end = await control.endOf(sessionId);
    const [start] = control.events.get(sessionId)!;
    if (start.type !== 'start') throw new Error('no start event');
    const recorded = (await readFile(start.recording_path, 'utf8')).trimEnd().split('\n').slice(1)
      .map((l) => JSON.parse(l)).filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    assert.equal(recorded, received);
    assert.equal(end.bytes_out, Buffer.byteLength(received));
  });

  it('ends the SSH session as soon as the browser closes', async () => {
    const before = new Set(await sshd.userProcesses());
    const { sessionId, term } = await openTerminal();
    term.type('echo $$\n');
    await term.waitFor(/^\d+\r?$/m);
    const during = (await sshd.userProcesses()).filter((p) => !before.has(p));
    assert.ok(during.length >= 1, 'the session has processes on the machine');
    const tClose = Date.now();
    term.ws.close();
    const end = await control.endOf(sessionId);
    assert.equal(end.status, 'closed');
    assert.equal(end.reason, 'browser closed the terminal');
    const until = Date.now() + 3000;
    let left = during;
    while (left.length && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
      const now = new Set(await sshd.userProcesses());
      left = during.filter((p) => now.has(p));
    }
    assert.deepEqual(left, [], 'the shell and its sshd child are gone');
    assert.ok(Date.now() - tClose < 1000, `gone after ${Date.now() - tClose} ms`);
  });

  it('refuses a used, expired or garbled ticket with 401 before upgrading', async () => {
    const { ticket } = ticketFor();
    const t = await connect(ticket);
    const again = await refusal(ticket);
    assert.equal(again.status, 401);
    assert.equal(again.body.msg, 'ticket already used');
    t.ws.close();

    const expired = await refusal(ticketFor({}, Date.now() - 120_000).ticket);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 1004);
    for (const bad of ['garbled', ticket.slice(0, -4) + 'AAAA', '']) {
      const r = await refusal(bad);
      assert.equal(r.status, 401);
      assert.equal(r.body.msg, 'ticket missing or invalid');
    }
    const foreign = sealTicket(deriveKeys('another-secret-entirely-123456').ticket, {
      kind: 'ssh', session_id: randomUUID(), user_id: 1, username: 'x', machine_id: 1,
      target: { host: '127.0.0.1', port: sshd.port, username: 'x', password: 'y' },
    });
    assert.equal((await refusal(foreign)).status, 401);
    const escape = sealTicket(keys.ticket, {
      kind: 'ssh', session_id: '../../etc/x', user_id: 1, username: 'x', machine_id: 1,
      target: { host: '127.0.0.1', port: sshd.port, username: 'x', password: 'y' },
    });
    assert.equal((await refusal(escape)).status, 401);
  });

  it('closes with 4003 and reports failed when the machine refuses the login', async () => {
    const { sessionId, ticket } = ticketFor({ password: 'wrong-password' });
    const term = await connect(ticket);
    const closed = await term.closed;
    assert.equal(closed.code, 4003);
    assert.deepEqual(term.texts.at(-1), { type: 'closed', reason: 'authentication failed' });
    const end = await control.endOf(sessionId);
    assert.deepEqual([end.status, end.reason], ['failed', 'authentication failed']);
    assert.equal(control.events.get(sessionId)![0].type, 'start');
  });

  it('reports the host key it saw when none is pinned, and accepts the pinned one', async () => {
    const { sessionId, term } = await openTerminal();
    term.ws.close();
    await control.endOf(sessionId);
    const [start] = control.events.get(sessionId)!;
    assert.equal(start.type === 'start' && start.host_key_sha256, sshd.hostKeySha256);
    const pinned = await openTerminal({ host_key_sha256: sshd.hostKeySha256 });
    pinned.term.type('echo pinned-$((1+1))\n');
    await pinned.term.waitFor('pinned-2');
    pinned.term.ws.close();
    const [again] = control.events.get(pinned.sessionId)!;
    assert.equal(again.type === 'start' && again.host_key_sha256, undefined, 'a pinned key is not reported again');
  });

  it('refuses a machine whose host key differs from the pinned one (4009)', async () => {
    const { sessionId, ticket } = ticketFor({ host_key_sha256: 'SHA256:' + 'A'.repeat(43) });
    const term = await connect(ticket);
    const closed = await term.closed;
    assert.equal(closed.code, 4009);
    const end = await control.endOf(sessionId);
    assert.equal(end.status, 'failed');
    assert.match(end.reason, /host key changed/);
    assert.equal(end.bytes_in + end.bytes_out, 0, 'nothing was sent to the impostor');
  });

  it('closes with 4002 when the machine is unreachable', async () => {
    const { sessionId, ticket } = ticketFor({ port: 1 });
    const term = await connect(ticket);
    assert.equal((await term.closed).code, 4002);
    const end = await control.endOf(sessionId);
    assert.equal(end.status, 'failed');
    assert.equal(end.reason, 'machine unreachable: ECONNREFUSED');
  });

  it('closes with 4004 within a second when control terminates the session', async () => {
    const { sessionId, term } = await openTerminal();
    const t0 = Date.now();
    await store.publish(TERMINATE_CHANNEL, sessionId);
    const closed = await term.closed;
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(closed.code, 4004);
    assert.equal(term.texts.at(-1)?.type, 'closed');
    const end = await control.endOf(sessionId);
    assert.equal(end.status, 'terminated');
  });

  it('ends live sessions with 4006 and reports them when the gateway shuts down', async () => {
    const second = await startGateway({
      port: 0, host: '127.0.0.1', controlUrl,
      store, keys, recordingsDir, logger: createLogger('gateway-test', 'silent'),
    });
    const { sessionId, ticket } = ticketFor();
    const ws = new WebSocket(`ws://127.0.0.1:${second.port}/ws/ssh?ticket=${encodeURIComponent(ticket)}`);
    const term = new TerminalClient(ws);
    await term.waitForText('ready');
    term.type('echo before-shutdown\n');
    await term.waitFor('before-shutdown');
    await second.close();
    assert.equal((await term.closed).code, 4006);
    const end = await control.endOf(sessionId, 1000); // delivered before close() resolved
    assert.equal(end.status, 'closed');
    assert.ok(end.recording_size > 0);
  });

  it('stops reading from the machine while the browser is not keeping up', async () => {
    const bytesOut = async () => {
      const text = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).text();
      return Number(/^remotegpu_gateway_bytes_out_total (\d+)/m.exec(text)?.[1] ?? NaN);
    };
    const { term } = await openTerminal();
    term.type("head -c 300000000 /dev/zero | base64 -w 100; echo DONE''MARK\n");
    await term.waitFor('AAAA');
    term.ws.pause(); // the browser stops reading: its socket fills, then the gateway's
    await new Promise((r) => setTimeout(r, 500));
    const before = await bytesOut();
    await new Promise((r) => setTimeout(r, 3000));
    const grew = (await bytesOut()) - before;
    // Unthrottled this is tens of MB/s; throttled only socket and SSH windows fill.
    assert.ok(grew < 8_000_000, `read ${grew} bytes from the machine while the browser was stalled`);
    term.ws.resume();
    await term.waitFor('AAAA\r\n', 5000);
    term.ws.close();
  });
});
