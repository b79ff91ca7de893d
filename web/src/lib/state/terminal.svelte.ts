// One web-terminal connection: asks control for a ticket, then speaks the gateway's /ws/ssh protocol.
import { myMachinesApi } from '../api';
import { errorText } from '../format';

export type TerminalState = 'connecting' | 'connected' | 'closed';

export interface TerminalIO {
  /** Terminal bytes from the machine. */
  write(data: Uint8Array): void;
  /** Current terminal size, sent on open and on every resize. */
  size(): { cols: number; rows: number };
}

const encoder = new TextEncoder();

export class TerminalConnection {
  state = $state<TerminalState>('connecting');
  reason = $state('');
  /** Every gateway session is recorded while it runs (DESIGN.md §6.4). */
  recording = $state(false);
  connectedAt = $state<number | null>(null);
  sessionId = $state<string | null>(null);

  private ws: WebSocket | null = null;
  private attempt = 0;

  constructor(
    private readonly machineId: string,
    private readonly io: TerminalIO,
  ) {}

  async connect(): Promise<void> {
    const mine = ++this.attempt;
    this.dropSocket();
    this.state = 'connecting';
    this.reason = '';
    this.recording = false;
    this.connectedAt = null;
    let wsUrl: string;
    try {
      const ticket = await myMachinesApi.openSession(this.machineId);
      if (mine !== this.attempt) return;
      this.sessionId = ticket.session_id;
      wsUrl = ticket.ws_url;
    } catch (e) {
      if (mine !== this.attempt) return;
      this.finish(errorText(e));
      return;
    }
    const base = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;
    const ws = new WebSocket(/^wss?:\/\//.test(wsUrl) ? wsUrl : base + wsUrl);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => this.resize();
    ws.onmessage = (ev: MessageEvent) => {
      if (ws !== this.ws) return;
      if (typeof ev.data === 'string') this.control(ev.data);
      else {
        if (this.state === 'connecting') this.markConnected(); // data before "ready": the shell is up anyway
        this.io.write(new Uint8Array(ev.data as ArrayBuffer));
      }
    };
    ws.onclose = (ev: CloseEvent) => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.finish(this.reason || ev.reason || (ev.code === 1000 ? '' : `WebSocket ${ev.code}`));
    };
  }

  private control(text: string): void {
    let msg: { type?: string; reason?: string };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    if (msg.type === 'ready') this.markConnected();
    else if (msg.type === 'closed') this.reason = msg.reason ?? '';
  }

  private markConnected(): void {
    this.state = 'connected';
    this.recording = true;
    this.connectedAt = Date.now();
  }

  private finish(reason: string): void {
    this.state = 'closed';
    this.recording = false;
    this.reason = reason;
  }

  send(data: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encoder.encode(data));
  }

  resize(): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    const { cols, rows } = this.io.size();
    if (cols > 0 && rows > 0) this.ws.send(JSON.stringify({ type: 'resize', cols, rows }));
  }

  /** Close by the user's choice; the reason shown is the gateway's if it sent one. */
  close(): void {
    this.attempt++;
    this.dropSocket();
    if (this.state !== 'closed') this.finish('');
  }

  private dropSocket(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'client closed');
  }
}
