import { open } from 'node:fs/promises';
import type { WebSocket } from 'ws';
import { closeReason, closedMessage } from './terminalProtocol';

// Admins watching a live terminal, read-only. A watcher first gets the session's
// output so far (from the recording, the last CATCH_UP_CHARS of it) and the terminal
// size, then every frame the user gets. A watcher never slows the session: one that
// falls too far behind is dropped. What a watcher sends is ignored.

const CATCH_UP_CHARS = 256 * 1024;
const MAX_BEHIND = 4 * 1024 * 1024;
const BINARY = { binary: true } as const;

interface Watcher { ws: WebSocket; held: Buffer[] | null }

export class Watchers {
  private readonly list = new Set<Watcher>();

  get size(): number { return this.list.size; }

  /** `checkpoint` resolves with the recording length that holds all output so far. */
  async add(ws: WebSocket, size: { cols: number; rows: number }, recordingPath: string, checkpoint: () => Promise<number>): Promise<void> {
    const w: Watcher = { ws, held: [] }; // frames from now on wait until the catch-up is sent
    this.list.add(w);
    ws.on('close', () => this.list.delete(w));
    ws.on('error', () => { /* followed by 'close' */ });
    const mark = await checkpoint();
    const past = await outputSoFar(recordingPath, mark).catch(() => ({ text: '', cols: size.cols, rows: size.rows }));
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify({ type: 'ready', watching: true, cols: past.cols, rows: past.rows }));
    if (past.text) ws.send(Buffer.from(past.text.slice(-CATCH_UP_CHARS), 'utf8'), BINARY);
    for (const frame of w.held ?? []) ws.send(frame, BINARY);
    w.held = null;
  }

  frame(data: Buffer): void {
    for (const w of this.list) {
      if (w.held) { w.held.push(data); continue; }
      if (w.ws.bufferedAmount > MAX_BEHIND) { w.ws.terminate(); this.list.delete(w); continue; }
      w.ws.send(data, BINARY);
    }
  }

  resize(cols: number, rows: number): void {
    const msg = JSON.stringify({ type: 'resize', cols, rows });
    for (const w of this.list) if (!w.held) w.ws.send(msg);
  }

  closeAll(code: number, reason: string): void {
    for (const w of this.list) {
      if (w.ws.readyState === w.ws.OPEN) {
        w.ws.send(closedMessage(reason));
        w.ws.close(code, closeReason(reason));
      }
    }
    this.list.clear();
  }
}

// The output events of a recording up to `length` bytes, joined, and the last size.
async function outputSoFar(path: string, length: number) {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    const lines = buf.subarray(0, bytesRead).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]) as { width: number; height: number };
    let cols = header.width;
    let rows = header.height;
    const out: string[] = [];
    for (const line of lines.slice(1)) {
      if (!line) continue;
      const [, kind, data] = JSON.parse(line) as [number, string, string];
      if (kind === 'o') out.push(data);
      else if (kind === 'r') [cols, rows] = data.split('x').map(Number);
    }
    return { text: out.join(''), cols, rows };
  } finally {
    await fh.close();
  }
}
