import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

// Who the user is, network-wise. With the gateway as the front door (npm start) the
// socket's peer is the browser and any X-Forwarded-For it sends is a claim, not a
// fact. Behind a proxy we run (nginx, TRUST_PROXY=true) the last X-Forwarded-For hop
// is the address that proxy saw.
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const xff = req.headers['x-forwarded-for'];
    const last = (Array.isArray(xff) ? xff.join(',') : xff)?.split(',').pop()?.trim();
    if (last && isIP(last)) return plainIp(last);
  }
  return req.socket.remoteAddress ? plainIp(req.socket.remoteAddress) : null;
}

// `::ffff:10.1.2.3` is an IPv4 address in IPv6 clothing; people read the IPv4 form.
export function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

// What the gateway tells upstreams (control, a machine's web service): exactly one
// hop, the address it decided on, never a chain a client could have written.
export function setForwardedHeaders(req: IncomingMessage, trustProxy: boolean): void {
  const ip = clientAddress(req, trustProxy);
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const proto = trustProxy && typeof req.headers['x-forwarded-proto'] === 'string'
    ? req.headers['x-forwarded-proto'] : encrypted ? 'https' : 'http';
  if (ip) req.headers['x-forwarded-for'] = ip; else delete req.headers['x-forwarded-for'];
  req.headers['x-forwarded-proto'] = proto;
  if (req.headers.host && !(trustProxy && req.headers['x-forwarded-host'])) req.headers['x-forwarded-host'] = req.headers.host;
}
