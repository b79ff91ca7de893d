import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKeys } from '@remotegpu/common/keys';
import { sealTicket } from '@remotegpu/common/ticket';
import { startSshd } from '../helpers/sshd';
import { directTerm, gatewayTerm, startChild, stopChild, type Term } from './support/terminals';
const mode = process.argv[2];
const secret = randomBytes(24).toString('base64url'); const keys = deriveKeys(secret);
const sshd = await startSshd();
const dir = await mkdtemp(join(tmpdir(), 'rgb-'));
const gw = await startChild('gatewayProcess.ts', { secret, recordingsDir: dir }, ['--cpu-prof', '--cpu-prof-dir=/tmp/gwprof']);
console.log('gateway pid', gw.child.pid, 'me', process.pid);
const tk = () => sealTicket(keys.ticket, { kind: 'ssh', session_id: randomUUID(), user_id: 1, username: 'b', machine_id: 1, target: { host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password } });
for (let i = 0; i < 2; i++) {
  const term: Term = mode === 'direct' ? await directTerm(sshd) : await gatewayTerm(gw.port, tk());
  await new Promise(r => setTimeout(r, 500));
  let bytes = 0; const t0 = performance.now();
  await new Promise<void>((resolve) => { term.onData = (d) => { bytes += d.length; (globalThis as any).n = ((globalThis as any).n ?? 0) + 1; if (d.includes('END_MARK')) resolve(); }; term.send(`head -c 50000000 /dev/zero | base64 -w 100; echo END_''MARK\n`); });
  const s = (performance.now() - t0) / 1000;
  console.log('chunks', (globalThis as any).n, 'avg', bytes / (globalThis as any).n); (globalThis as any).n = 0; console.log(mode, (bytes / s / 1e6).toFixed(1), 'MB/s', s.toFixed(2), 's', 'cpu', process.cpuUsage());
  term.close();
}
await stopChild(gw.child); await sshd.stop(); await rm(dir, { recursive: true, force: true }); process.exit(0);
