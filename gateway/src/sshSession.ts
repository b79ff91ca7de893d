import { createHash } from 'node:crypto';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { WebSocket } from 'ws';
import type { SshTicket } from '@remotegpu/common/ticket';
import type { Logger } from '@remotegpu/common/logger';
import { CastRecorder, castPath } from './castRecorder';
import type { ControlReporter } from './controlReporter';
import { Outcomes, outcomeForSshError, type Outcome } from './sshOutcome';
import { READY_MESSAGE, closeReason, closedMessage, parseClientMessage } from './terminalProtocol';
import { Watchers } from './watchers';

// One browser terminal bridged to one SSH shell (DESIGN §6): ssh2 to the machine,
// binary WebSocket frames both ways, recorded while it runs, reported to control.
// Flow control both ways: the machine is not read while the browser (or the
// recording) is behind, and the browser is not read while the machine is.

const READY_TIMEOUT_MS = 10_000;
const KEEPALIVE_MS = 15_000;
// Above this much unsent data towards the browser, stop reading from the machine.
const WS_HIGH_WATER = 1024 * 1024;
const BINARY = { binary: true } as const;
// Bulk output: a frame this large, sent this recently, means more is coming.
const BULK_FRAME_MIN = 4096;
const BULK_GAP_MS = 10;
const BULK_WAIT_MS = 2;
const BULK_FRAME = 128 * 1024;

const PAUSED_BY_BROWSER = 1;
const PAUSED_BY_RECORDING = 2;

export interface SshSessionDeps {
  recordingsDir: string;
  reporter: ControlReporter;
  logger: Logger;
  /** Called once when the session has ended and its recording is closed. */
  onEnded(session: SshSession, outcome: Outcome): void;
}

export class SshSession {
  readonly id: string;
  bytesIn = 0;   // browser -> machine
  bytesOut = 0;  // machine -> browser
  /** Cleared by each ping round, set by the browser's pong. */
  alive = true;
  /** Resolves when the recording is closed and the end report is queued. */
  done: Promise<void> = Promise.resolve();

  private readonly client = new Client();
  private stream: ClientChannel | null = null;
  private recorder: CastRecorder | null = null;
  private recorderCreating: Promise<unknown> | null = null;
  private readonly openedAt = new Date();
  private startReported = false;
  private ready = false;
  private ended = false;
  private lastError: Outcome | null = null;
  private exit: { code: number | null; signal: string | null } | null = null;
  private pausedBy = 0;
  private toBrowser: Buffer[] | null = null;
  private toBrowserBytes = 0;
  private bulkTimer: NodeJS.Timeout | null = null;
  private lastFrameBytes = 0;
  private lastFrameAt = 0;
  private cols = 80;
  private rows = 24;
  private sizeKnown = false;
  private hostKey: string | null = null;
  private recordingPath: string | null = null;
  /** Admins watching read-only; empty (and free) for almost every session. */
  readonly watchers = new Watchers();

  constructor(
    private readonly ticket: SshTicket,
    private readonly ws: WebSocket,
    private readonly clientIp: string | null,
    private readonly deps: SshSessionDeps,
  ) {
    this.id = ticket.session_id;
    ws.on('message', this.onBrowserMessage);
    ws.on('close', () => this.finish(Outcomes.browserClosed()));
    ws.on('error', () => { /* followed by 'close' */ });
    ws.on('pong', () => { this.alive = true; });
  }

  /** Logs in to the machine; everything after is driven by events. */
  connect(): void {
    const t = this.ticket.target;
    const config: ConnectConfig = {
      host: t.host,
      port: t.port,
      username: t.username,
      readyTimeout: READY_TIMEOUT_MS,
      keepaliveInterval: KEEPALIVE_MS,
      keepaliveCountMax: 3,
      // Some machines offer passwords only as keyboard-interactive (PAM).
      tryKeyboard: t.password !== undefined,
      // The machine must show the key control pinned; with none pinned yet, the key
      // seen is reported so control can pin it (trust on first use).
      hostVerifier: (key: Buffer) => {
        this.hostKey = hostKeyFingerprint(key);
        return !t.host_key_sha256 || t.host_key_sha256 === this.hostKey;
      },
    };
    if (t.private_key) config.privateKey = t.private_key;
    if (t.password !== undefined) config.password = t.password;
    this.client.on('keyboard-interactive', (_n, _i, _l, prompts, finish) => {
      finish(prompts.map(() => t.password ?? ''));
    });
    this.client.on('ready', () => { this.ready = true; void this.openShell(); });
    this.client.on('error', (err) => { this.lastError ??= outcomeForSshError(err, this.ready); });
    this.client.on('close', () => this.finish(this.closeOutcome()));
    try {
      this.client.connect(config);
      this.client.setNoDelay(true); // keystrokes go out at once, not after Nagle's wait
    } catch (err) {
      // ssh2 throws synchronously on a key it cannot parse.
      this.finish({ ...Outcomes.connectionLost(false), reason: `bad machine credentials: ${(err as Error).message}` });
    }
  }

  terminate(): void { this.finish(Outcomes.terminated()); }

  /** Adds a read-only watcher; false while the shell is not open (or already over). */
  watch(ws: WebSocket): boolean {
    const recorder = this.recorder;
    if (!this.stream || !recorder || !this.recordingPath || this.ended) return false;
    void this.watchers.add(ws, { cols: this.cols, rows: this.rows }, this.recordingPath, () => recorder.checkpoint());
    return true;
  }
  shutdown(): Promise<void> { this.finish(Outcomes.shutdown()); return this.done; }
  /** The browser missed a ping round. */
  dropDead(): void { this.finish(Outcomes.browserGone()); this.ws.terminate(); }
  ping(): void { this.alive = false; this.ws.ping(); }

  private closeOutcome(): Outcome {
    if (this.lastError) return this.lastError;
    if (this.exit) return Outcomes.shellEnded(this.exit.code, this.exit.signal);
    return Outcomes.connectionLost(this.ready);
  }

  private async openShell(): Promise<void> {
    const path = castPath(this.deps.recordingsDir, this.id, new Date());
    this.recordingPath = path;
    try {
      this.recorderCreating = CastRecorder.create(path, {
        cols: this.cols, rows: this.rows,
        title: `${this.ticket.target.username}@${this.ticket.target.host}`,
        onDrain: () => this.resume(PAUSED_BY_RECORDING),
        onError: (err) => this.deps.logger.error({ session_id: this.id, err: err.message }, 'recording write failed'),
      });
      this.recorder = (await this.recorderCreating) as CastRecorder;
    } catch (err) {
      this.deps.logger.error({ session_id: this.id, err: (err as Error).message }, 'cannot create recording');
      this.finish(Outcomes.recordingUnavailable());
      return;
    }
    if (this.ended) return;
    if (this.sizeKnown) this.recorder.resize(this.cols, this.rows);
    this.client.shell(
      { term: 'xterm-256color', cols: this.cols, rows: this.rows },
      { env: { LANG: 'C.UTF-8' } },
      (err, stream) => {
        if (err) { this.finish(Outcomes.shellRefused(err.message)); return; }
        if (this.ended) { stream.close(); return; }
        this.stream = stream;
        stream.on('data', this.onMachineData);
        stream.stderr.on('data', this.onMachineData);
        stream.on('exit', (code: number | null, signal?: string) => { this.exit = { code, signal: signal ?? null }; });
        stream.on('close', () => this.finish(this.exit ? Outcomes.shellEnded(this.exit.code, this.exit.signal) : this.closeOutcome()));
        this.startReported = true;
        this.deps.reporter.report(this.id, {
          type: 'start', started_at: new Date().toISOString(), client_ip: this.clientIp, recording_path: path,
          ...(this.hostKey && !this.ticket.target.host_key_sha256 ? { host_key_sha256: this.hostKey } : {}),
        });
        this.ws.send(READY_MESSAGE);
      },
    );
  }

  // Hot path, machine -> browser. sshd sends a pty's output in ~2 KiB packets and
  // ssh2 emits each one. Interactive output (an echo, a prompt) goes out at once:
  // packets of the same TCP read are joined in a microtask, no added delay. Bulk
  // output (the last frame was large and recent) is gathered for up to BULK_WAIT_MS
  // or BULK_FRAME bytes: a few large frames instead of many small ones, far fewer
  // syscalls and wakeups on the gateway, the kernel and the browser, unseen by a person.
  private readonly onMachineData = (chunk: Buffer): void => {
    this.bytesOut += chunk.length;
    if (this.toBrowser === null) {
      this.toBrowser = [chunk];
      this.toBrowserBytes = chunk.length;
      const bulk = this.lastFrameBytes >= BULK_FRAME_MIN && performance.now() - this.lastFrameAt < BULK_GAP_MS;
      if (bulk) this.bulkTimer = setTimeout(this.flushToBrowser, BULK_WAIT_MS);
      else queueMicrotask(this.flushToBrowser);
    } else {
      this.toBrowser.push(chunk);
      this.toBrowserBytes += chunk.length;
      if (this.bulkTimer && this.toBrowserBytes >= BULK_FRAME) this.flushToBrowser();
    }
  };

  private readonly flushToBrowser = (): void => {
    if (this.bulkTimer) { clearTimeout(this.bulkTimer); this.bulkTimer = null; }
    const chunks = this.toBrowser;
    if (!chunks) return;
    this.toBrowser = null;
    const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.toBrowserBytes);
    this.lastFrameBytes = data.length;
    this.lastFrameAt = performance.now();
    this.recorder!.output(data);
    if (this.ws.bufferedAmount > WS_HIGH_WATER) {
      // The callback runs once this frame reached the kernel, i.e. the queue drained.
      this.ws.send(data, BINARY, this.onBrowserDrained);
      this.pause(PAUSED_BY_BROWSER);
    } else {
      this.ws.send(data, BINARY);
    }
    if (this.watchers.size) this.watchers.frame(data);
    if (this.recorder!.isCongested) this.pause(PAUSED_BY_RECORDING);
  };

  private readonly onBrowserDrained = (): void => { this.resume(PAUSED_BY_BROWSER); };

  private pause(by: number): void {
    if (this.pausedBy === 0) this.stream?.pause();
    this.pausedBy |= by;
  }

  private resume(by: number): void {
    if (!(this.pausedBy & by)) return;
    this.pausedBy &= ~by;
    if (this.pausedBy === 0 && !this.ended) this.stream?.resume();
  }

  // Browser -> machine: keystrokes and pastes as binary frames, control messages as text.
  private readonly onBrowserMessage = (data: Buffer, isBinary: boolean): void => {
    if (isBinary) {
      const stream = this.stream;
      if (!stream) return; // typed before `ready`: nowhere to send it yet
      this.bytesIn += data.length;
      if (!stream.write(data)) {
        this.ws.pause();
        stream.once('drain', () => this.ws.resume());
      }
      return;
    }
    const msg = parseClientMessage(data.toString('utf8'));
    if (msg?.type === 'resize') this.resize(msg.cols, msg.rows);
  };

  private resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows && this.sizeKnown) return;
    this.cols = cols;
    this.rows = rows;
    this.sizeKnown = true;
    this.stream?.setWindow(rows, cols, 0, 0);
    this.recorder?.resize(cols, rows);
    this.watchers.resize(cols, rows);
  }

  /** Ends the session once, whatever ended it first; safe to call again. */
  private finish(outcome: Outcome): void {
    if (this.ended) return;
    if (this.toBrowser) this.flushToBrowser(); // the last output goes before the goodbye
    this.ended = true;
    const ws = this.ws;
    this.watchers.closeAll(outcome.closeCode, outcome.reason);
    if (ws.readyState === ws.OPEN) {
      ws.send(closedMessage(outcome.reason));
      ws.close(outcome.closeCode, closeReason(outcome.reason));
    }
    this.stream?.removeAllListeners('data');
    this.client.end(); // the machine's sshd ends the shell now, not at a timeout
    this.done = this.wrapUp(outcome);
  }

  private async wrapUp(outcome: Outcome): Promise<void> {
    // Ended while the file was being created: wait for it so it is closed too.
    await this.recorderCreating?.catch(() => undefined);
    const recordingSize = this.recorder ? await this.recorder.close() : 0;
    const { reporter } = this.deps;
    if (!this.startReported) {
      // Failed before a shell opened: control still hears of the attempt, in order.
      reporter.report(this.id, {
        type: 'start', started_at: this.openedAt.toISOString(), client_ip: this.clientIp, recording_path: '',
      });
    }
    reporter.report(this.id, {
      type: 'end', ended_at: new Date().toISOString(), status: outcome.status, reason: outcome.reason,
      bytes_in: this.bytesIn, bytes_out: this.bytesOut, recording_size: recordingSize,
    });
    this.deps.onEnded(this, outcome);
  }
}

/** OpenSSH's form: `SHA256:` and the unpadded base64 of the key blob's SHA-256. */
export function hostKeyFingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}
