import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from '../helpers/api';

// `npm start` as a new user runs it: embedded PostgreSQL, in-process store, one URL;
// Ctrl-C stops everything; a second start finds the data again.
describe('npm start with embedded defaults', function () {
  this.timeout(180_000);
  let dataDir: string;
  before(() => { dataDir = mkdtempSync(join(tmpdir(), 'rg-start-')); });
  after(() => { rmSync(dataDir, { recursive: true, force: true }); });

  function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    // No DATABASE_URL or REDIS_URL: the embedded defaults are what is under test.
    const env: NodeJS.ProcessEnv = { ...process.env, REMOTEGPU_DATA_DIR: dataDir, PORT: '0', CONTROL_PORT: '0', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.REMOTEGPU_SECRET_KEY;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => { out += d; });
    child.stderr!.on('data', (d) => { out += d; });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed in time:\n${out}`)), 150_000);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${out}`)); });
      child.stdout!.on('data', () => {
        const m = /RemoteGPU is running: (http:\/\/localhost:\d+)/.exec(out);
        if (m) { clearTimeout(timer); child.removeAllListeners('exit'); resolve({ child, url: m[1], output: () => out }); }
      });
    });
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    return exited;
  }

  it('starts, keeps data across a restart, and stops cleanly on Ctrl-C', async () => {
    const first = await start();
    assert.match(first.output(), /REMOTEGPU_SECRET_KEY is not set/);
    const api = new Api(first.url.replace('localhost', '127.0.0.1'));
    assert.equal((await api.get('/healthz')).code, 0);
    assert.equal((await api.get('/readyz')).code, 0);
    const login = await api.post('/api/v1/auth/login', { username: 'admin', password: 'ChangeME_123' });
    assert.equal(login.data.user.must_change_password, true);
    const admin = api.as(login.data.access_token);
    const changed = await admin.post('/api/v1/auth/change-password', { old_password: 'ChangeME_123', new_password: 'Restart123' });
    assert.equal(changed.code, 0);
    const page = await fetch(first.url.replace('localhost', '127.0.0.1'));
    assert.match(await page.text(), /<title>RemoteGPU<\/title>/);
    assert.equal(await stop(first.child), 0);

    const second = await start();
    const again = new Api(second.url.replace('localhost', '127.0.0.1'));
    assert.equal((await again.post('/api/v1/auth/login', { username: 'admin', password: 'ChangeME_123' })).code, 1001);
    const relogin = await again.post('/api/v1/auth/login', { username: 'admin', password: 'Restart123' });
    assert.equal(relogin.data.user.must_change_password, false, 'the changed password survived the restart');
    assert.equal(await stop(second.child), 0);
  });
});
