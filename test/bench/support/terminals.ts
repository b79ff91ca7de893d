import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ssh2';
import WebSocket from 'ws';

// The two ways a benchmark reaches a shell: straight over SSH with ssh2 (the
// baseline), or as the browser does, through the gateway's WebSocket. Both give
// the same small interface so every measurement runs the same code on each.

export interface Term {
  send(data: Buffer | string): void;
  onData: (chunk: Buffer) => void;
  close(): void;
}

export interface SshTarget { host: string; port: number; username: string; password: string }

const COLS = 200;
const ROWS = 50;

export function directTerm(t: SshTarget): Promise<Term> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.on('error', reject);
    client.on('ready', () => {
      client.shell({ term: 'xterm-256color', cols: COLS, rows: ROWS }, { env: { LANG: 'C.UTF-8' } }, (err, stream) => {
        if (err) { reject(err); return; }
        const term: Term = {
          send: (d) => { stream.write(d); },
          onData: () => {},
          close: () => client.end(),
        };
        stream.on('data', (d: Buffer) => term.onData(d));
        resolve(term);
      });
    });
    client.connect({ host: t.host, port: t.port, username: t.username, password: t.password, readyTimeout: 20_000 });
    client.setNoDelay(true); // as the gateway does
  });
}

export function gatewayTerm(gatewayPort: number, ticket: string, resize = true): Promise<Term> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${gatewayPort}/ws/ssh?ticket=${encodeURIComponent(ticket)}`, { perMessageDeflate: false });
    const term: Term = {
      send: (d) => ws.send(typeof d === 'string' ? Buffer.from(d) : d),
      onData: () => {},
      close: () => ws.close(),
    };
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) { term.onData(data); return; }
      const msg = JSON.parse(data.toString());
      if (msg.type === 'ready') {
        if (resize) ws.send(JSON.stringify({ type: 'resize', cols: COLS, rows: ROWS }));
        resolve(term);
      } else if (msg.type === 'closed') reject(new Error(`closed: ${msg.reason}`));
    });
    ws.on('error', reject);
    ws.on('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** A helper child process that answers {type:'ready', port} over IPC. */
export async function startChild(file: string, startMessage?: object, extraExecArgv: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = fork(join(here, file), [], { execArgv: ['--import', 'tsx', '--expose-gc', ...extraExecArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    child.on('message', (m: { type: string; port?: number }) => { if (m.type === 'ready') resolve(m.port!); });
    if (startMessage) child.send(startMessage);
  });
  return { child, port };
}

export interface MemoryFigures { rss: number; heapUsed: number; external: number; arrayBuffers: number }

export function memoryOf(child: ChildProcess): Promise<MemoryFigures> {
  return new Promise((resolve) => {
    const onMsg = (m: MemoryFigures & { type: string }) => {
      if (m.type === 'memory') { child.off('message', onMsg); resolve(m); }
    };
    child.on('message', onMsg);
    child.send('memory');
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
