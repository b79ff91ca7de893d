import WebSocket from 'ws';

// The browser's side of one terminal.
export class TerminalClient {
  output = Buffer.alloc(0);
  readonly texts: Array<Record<string, unknown>> = [];
  closed: Promise<{ code: number; reason: string }>;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.output = Buffer.concat([this.output, data]);
      else this.texts.push(JSON.parse(data.toString()));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }
  get text() { return this.output.toString('utf8'); }
  type(s: string) { this.ws.send(Buffer.from(s, 'utf8')); }
  resize(cols: number, rows: number) { this.ws.send(JSON.stringify({ type: 'resize', cols, rows })); }
  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    const hit = () => (typeof pattern === 'string' ? this.text.includes(pattern) : pattern.test(this.text));
    while (!hit()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; got: ${JSON.stringify(this.text.slice(-500))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  async waitForText(type: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const m = this.texts.find((t) => t.type === type);
      if (m) return m;
      if (Date.now() > until) throw new Error(`no ${type} message; got ${JSON.stringify(this.texts)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

// Opens the terminal WebSocket for a ws_url handed out by control; rejects with the
// HTTP status and envelope when the gateway refuses the handshake.
export function connectTerminal(gatewayUrl: string, wsPath: string, headers: Record<string, string> = {}): Promise<TerminalClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(gatewayUrl.replace(/^http/, 'ws') + wsPath, { headers });
    const client = new TerminalClient(ws);
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body: JSON.parse(body || '{}') })));
    });
    ws.once('error', reject);
  });
}
