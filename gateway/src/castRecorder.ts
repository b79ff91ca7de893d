import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

// Records one terminal session as asciicast v2 while it runs (DESIGN §6.4):
// a JSON header line, then `[seconds, "o", text]` for output and
// `[seconds, "r", "COLSxROWS"]` for resizes. Input is never recorded: keystrokes
// may be passwords typed at a prompt with echo off.
//
// Built for the hot path and for many idle sessions:
// - output Buffers are only queued by reference; decoding, JSON escaping and the
//   file write happen once per batch (every FLUSH_MS or FLUSH_BYTES), so a busy
//   session costs one decode + stringify + write per batch, not per chunk;
// - a streaming UTF-8 decoder keeps multi-byte characters split across chunks
//   (and across batches) intact;
// - an idle session holds no buffers and no timers: just the open file handle.
//
// The header must carry the terminal size, which the page sends as its first
// resize right after `ready`. So the header is written at the first resize or
// after HEADER_WAIT_MS, whichever comes first; output waits in memory until then.

const FLUSH_MS = 50;
const FLUSH_BYTES = 64 * 1024;
const HEADER_WAIT_MS = 1000;
// Output held before the header exists is bounded: past this, write it anyway.
const HEADER_WAIT_MAX_BYTES = 1024 * 1024;
// Backlog above which the session should stop reading from the machine.
const CONGESTED_BYTES = 8 * 1024 * 1024;

export interface CastRecorderOptions {
  cols: number;
  rows: number;
  title?: string;
  shell?: string;
  /** Called once the backlog falls back under the congestion mark. */
  onDrain?: () => void;
  /** Called once if a write fails; recording stops, the session may go on. */
  onError?: (err: Error) => void;
  headerWaitMs?: number;
}

/** `<dir>/<yyyy>/<mm>/<dd>/<sessionId>.cast`, by the UTC date the session started. */
export function castPath(recordingsDir: string, sessionId: string, at: Date): string {
  const yyyy = String(at.getUTCFullYear());
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(at.getUTCDate()).padStart(2, '0');
  return join(recordingsDir, yyyy, mm, dd, `${sessionId}.cast`);
}

export class CastRecorder {
  private readonly startedAtMs = Date.now();
  private readonly startedAt = performance.now();
  private readonly decoder = new StringDecoder('utf8');
  private cols: number;
  private rows: number;
  private headerTimer: NodeJS.Timeout | null = null;
  private headerWritten = false;

  // Output not yet turned into an event line.
  private pending: Buffer[] | null = null;
  private pendingBytes = 0;
  private pendingSince = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  // Event lines not yet handed to the file, and the write under way.
  private queue = '';
  // True while every line in the queue is plain ASCII: then the file write is a
  // byte copy ('latin1') instead of a UTF-8 encode, a large share of a busy session's cost.
  private queueAscii = true;
  private writing: Promise<void> | null = null;
  private inFlight = 0;
  private size = 0;
  private failed = false;
  private closed = false;
  private congested = false;

  private constructor(readonly path: string, private readonly fh: FileHandle, private readonly opts: CastRecorderOptions) {
    this.cols = opts.cols;
    this.rows = opts.rows;
    this.headerTimer = setTimeout(() => this.writeHeader(), opts.headerWaitMs ?? HEADER_WAIT_MS);
  }

  /** Creates the folders (0750) and the file (0640, must not exist yet). */
  static async create(path: string, opts: CastRecorderOptions): Promise<CastRecorder> {
    await mkdir(join(path, '..'), { recursive: true, mode: 0o750 });
    const fh = await open(path, 'wx', 0o640);
    return new CastRecorder(path, fh, opts);
  }

  /** Bytes of output received but not yet on disk. */
  get backlog(): number {
    return this.pendingBytes + this.queue.length + this.inFlight;
  }

  get isCongested(): boolean {
    return this.congested;
  }

  /** Terminal output from the machine. Hot path: keeps a reference, nothing more. */
  output(chunk: Buffer): void {
    if (this.closed || this.failed) return;
    if (this.pending === null) {
      this.pending = [chunk];
      this.pendingSince = performance.now();
      this.flushTimer = setTimeout(() => this.flushOutput(), FLUSH_MS);
    } else {
      this.pending.push(chunk);
    }
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flushOutput();
    if (!this.congested && this.backlog > CONGESTED_BYTES) this.congested = true;
  }

  resize(cols: number, rows: number): void {
    if (this.closed || this.failed) return;
    this.flushOutput();
    this.cols = cols;
    this.rows = rows;
    if (!this.headerWritten) { this.writeHeader(); return; }
    this.enqueue(`[${this.elapsed(performance.now())},"r",${JSON.stringify(`${cols}x${rows}`)}]\n`);
  }

  /**
   * Everything received so far, made into lines now: resolves, once those lines are on
   * disk, with the file length that holds exactly them (for a watcher's catch-up).
   */
  async checkpoint(): Promise<number> {
    this.flushOutput();
    if (!this.headerWritten) this.writeHeader();
    const mark = this.size + this.inFlight + Buffer.byteLength(this.queue, this.queueAscii ? 'latin1' : 'utf8');
    while (this.size < mark && !this.failed && this.writing) await this.writing;
    return Math.min(mark, this.size);
  }

  /** Writes what is left and closes the file; resolves with the file's size in bytes. */
  async close(): Promise<number> {
    if (this.closed) { await this.writing; return this.size; }
    this.flushOutput();
    const tail = this.decoder.end();
    if (tail) this.enqueue(this.outputLine(performance.now(), tail));
    if (!this.headerWritten) this.writeHeader();
    this.closed = true;
    while (this.writing) await this.writing;
    await this.fh.close().catch(() => {});
    return this.size;
  }

  private elapsed(at: number): string {
    return ((at - this.startedAt) / 1000).toFixed(6);
  }

  private outputLine(at: number, text: string): string {
    return `[${this.elapsed(at)},"o",${JSON.stringify(text)}]\n`;
  }

  private flushOutput(): void {
    if (this.flushTimer) { clearTimeout(this.flushTimer); this.flushTimer = null; }
    const chunks = this.pending;
    if (!chunks) return;
    this.pending = null;
    this.pendingBytes = 0;
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    // ASCII with no multi-byte character pending from the last batch: no decoding needed.
    const ascii = (this.decoder as StringDecoder & { lastNeed: number }).lastNeed === 0 && isAscii(bytes);
    const text = ascii ? bytes.toString('latin1') : this.decoder.write(bytes);
    if (text) this.enqueue(this.outputLine(this.pendingSince, text), ascii);
  }

  private writeHeader(): void {
    if (this.headerTimer) { clearTimeout(this.headerTimer); this.headerTimer = null; }
    if (this.headerWritten) return;
    this.headerWritten = true;
    const env: Record<string, string> = { TERM: 'xterm-256color' };
    if (this.opts.shell) env.SHELL = this.opts.shell;
    const header = {
      version: 2,
      width: this.cols,
      height: this.rows,
      timestamp: Math.floor(this.startedAtMs / 1000),
      env,
      ...(this.opts.title ? { title: this.opts.title } : {}),
    };
    this.queue = JSON.stringify(header) + '\n' + this.queue;
    this.queueAscii = false; // the title may hold any text
    this.kick();
  }

  private enqueue(line: string, ascii = false): void {
    this.queue += line;
    if (!ascii) this.queueAscii = false;
    if (this.headerWritten) this.kick();
    else if (this.queue.length > HEADER_WAIT_MAX_BYTES) this.writeHeader();
  }

  // One write at a time, appending at the file position; lines that arrive while
  // a write is under way are joined into the next one.
  private kick(): void {
    if (this.writing || this.failed || !this.queue) return;
    const text = this.queue;
    const encoding = this.queueAscii ? 'latin1' : 'utf8';
    this.queue = '';
    this.queueAscii = true;
    this.inFlight = text.length;
    this.writing = this.fh.write(text, null, encoding).then(
      ({ bytesWritten }) => {
        this.size += bytesWritten;
        this.inFlight = 0;
        this.writing = null;
        if (this.congested && this.backlog < CONGESTED_BYTES / 2) {
          this.congested = false;
          this.opts.onDrain?.();
        }
        this.kick();
      },
      (err: Error) => {
        this.failed = true;
        this.inFlight = 0;
        this.queue = '';
        this.pending = null;
        this.writing = null;
        this.opts.onError?.(err);
        if (this.congested) { this.congested = false; this.opts.onDrain?.(); }
      },
    );
  }
}
