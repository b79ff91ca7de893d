import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

// The platform's response envelope, for the few answers the gateway gives itself
// (health, readiness, proxy failures, refused WebSocket handshakes).

export interface Envelope<T = unknown> { code: number; msg: string; data: T }

export function sendEnvelope(res: ServerResponse, status: number, code: number, msg: string, data: unknown = null): void {
  const body = JSON.stringify({ code, msg, data } satisfies Envelope);
  if (!res.headersSent) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
  }
  res.end(body);
}

// A WebSocket handshake refused before upgrading: a plain HTTP answer written on
// the raw socket (there is no ServerResponse for an 'upgrade' request), then close.
export function refuseUpgrade(socket: Duplex, status: number, statusText: string, code: number, msg: string): void {
  if (!socket.writable) { socket.destroy(); return; }
  const body = JSON.stringify({ code, msg, data: null } satisfies Envelope);
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n` +
    'Connection: close\r\n' +
    'Content-Type: application/json; charset=utf-8\r\n' +
    'Cache-Control: no-store\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` + body,
  );
}
