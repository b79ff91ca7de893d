import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A real OpenSSH sshd for integration tests and benchmarks: its own host key,
// config and pid file in a temp folder, listening on 127.0.0.1 at a free port,
// and a throwaway login user (password and ed25519 key) removed by stop().
// Needs root (useradd, sshd) and /usr/sbin/sshd (apt-get install openssh-server).

const run = promisify(execFile);

export interface TestSshd {
  host: string;
  port: number;
  username: string;
  password: string;
  /** OpenSSH-format ed25519 private key whose public half is in authorized_keys. */
  privateKey: string;
  /** The host key's fingerprint as `ssh-keygen -l` prints it: `SHA256:...`. */
  hostKeySha256: string;
  /** Pids of the live processes (zombies excluded) of the throwaway user: sshd session children, shells. */
  userProcesses(): Promise<number[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, sshd: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (sshd.exitCode !== null) throw new Error(`sshd exited with ${sshd.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: '127.0.0.1' }, () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port} within ${timeoutMs} ms: ${log()}`);
}

async function pidsOf(username: string): Promise<number[]> {
  try {
    // A zombie has already ended; it only waits for sshd's monitor to reap it.
    const { stdout } = await run('ps', ['-o', 'pid=,stat=', '-u', username]);
    return stdout.split('\n').map((l) => l.trim().split(/\s+/))
      .filter(([pid, stat]) => Number(pid) > 0 && !stat?.startsWith('Z')).map(([pid]) => Number(pid));
  } catch {
    return []; // ps exits 1 when the user has no processes
  }
}

export interface StartSshdOptions {
  /** sshd_config lines added at the end (e.g. for benchmarks). */
  extraConfig?: string[];
}

export async function startSshd(options: StartSshdOptions = {}): Promise<TestSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-sshd-'));
  const username = `rgtest_${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('base64url')}`;
  let userMade = false;
  let sshd: ChildProcess | null = null;
  let stderr = '';

  const cleanup = async () => {
    if (sshd && sshd.exitCode === null) {
      const exited = new Promise((r) => sshd!.once('exit', r));
      sshd.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
    if (userMade) {
      // Session children of sshd run as the user; end them by pid so userdel can proceed.
      for (const pid of await pidsOf(username)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      await run('userdel', ['-r', '-f', username]).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', username, '-f', join(dir, 'user_key')]);
    await run('useradd', ['-m', '-s', '/bin/bash', username]);
    userMade = true;
    await new Promise<void>((resolve, reject) => {
      const p = spawn('chpasswd', [], { stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      p.stderr!.on('data', (d) => { err += d; });
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chpasswd failed: ${err}`))));
      p.stdin!.end(`${username}:${password}\n`);
    });
    const { stdout: home } = await run('sh', ['-c', `getent passwd ${username} | cut -d: -f6`]);
    const { stdout: ids } = await run('sh', ['-c', `id -u ${username}; id -g ${username}`]);
    const [uid, gid] = ids.trim().split('\n').map(Number);
    const sshDir = join(home.trim(), '.ssh');
    await mkdir(sshDir, { mode: 0o700 });
    await writeFile(join(sshDir, 'authorized_keys'), await readFile(join(dir, 'user_key.pub')), { mode: 0o600 });
    await chown(sshDir, uid, gid);
    await chown(join(sshDir, 'authorized_keys'), uid, gid);
    await chmod(sshDir, 0o700);

    const port = await freePort();
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'AuthorizedKeysFile .ssh/authorized_keys',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'UsePAM yes',
      'PermitRootLogin no',
      `AllowUsers ${username}`,
      'MaxStartups 1000:30:2000',
      'MaxSessions 100',
      'MaxAuthTries 6',
      'AcceptEnv LANG LC_*',
      'PrintMotd no',
      'PrintLastLog no',
      'UseDNS no',
      'LogLevel ERROR',
      ...(options.extraConfig ?? []),
    ];
    await writeFile(join(dir, 'sshd_config'), config.join('\n') + '\n', { mode: 0o600 });
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation dir
    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr!.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    await waitForPort(port, sshd, () => stderr);

    const privateKey = await readFile(join(dir, 'user_key'), 'utf8');
    let stopped: Promise<void> | null = null;
    const { stdout: fp } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'host_key.pub')]);
    return {
      host: '127.0.0.1', port, username, password, privateKey, hostKeySha256: fp.split(' ')[1],
      userProcesses: () => pidsOf(username),
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
