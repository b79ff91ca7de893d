import http from 'node:http';
import type { Keys } from '@remotegpu/common/keys';
import { SIGNATURE_HEADER, verifyInternal, type SessionEvent } from '@remotegpu/common/internal';

// Test double for control's POST /api/v1/internal/sessions/:id/events: checks the
// signature like control must, and records what arrived per session.
export class ControlReportsDouble {
  readonly events = new Map<string, SessionEvent[]>();
  badSignatures = 0;
  private waiters: Array<() => void> = [];
  private server = http.createServer((req, res) => {
    const m = /^\/api\/v1\/internal\/sessions\/([^/]+)\/events$/.exec(req.url ?? '');
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/healthz') { res.end('{"code":0}'); return; }
      if (!m || req.method !== 'POST') { res.writeHead(404).end(); return; }
      if (!verifyInternal(this.keys.internal, body, req.headers[SIGNATURE_HEADER] as string)) {
        this.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      const list = this.events.get(m[1]) ?? [];
      list.push(JSON.parse(body));
      this.events.set(m[1], list);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"msg":"ok","data":null}');
      for (const w of this.waiters.splice(0)) w();
    });
  });
  constructor(private readonly keys: Keys) {}
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }
  async endOf(sessionId: string, timeoutMs = 10_000): Promise<Extract<SessionEvent, { type: 'end' }>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const end = this.events.get(sessionId)?.find((e) => e.type === 'end');
      if (end) return end as Extract<SessionEvent, { type: 'end' }>;
      if (Date.now() > until) throw new Error(`no end report for ${sessionId}`);
      await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 200); });
    }
  }
  close() { this.server.closeAllConnections(); return new Promise((r) => this.server.close(r)); }
}
