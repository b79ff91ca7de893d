import http from 'node:http';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import { Codes } from '@remotegpu/common/codes';
import type { Logger } from '@remotegpu/common/logger';
import { refuseUpgrade, sendEnvelope } from './envelope';

// Reverse proxy for everything the gateway does not answer itself: control's API
// and web app, and (through the host-router seam) a machine's own web services.
// Host is kept (control builds absolute URLs from it); X-Forwarded-* are set by
// clientAddress.setForwardedHeaders before a request gets here.

export interface UpstreamProxy {
  web(req: http.IncomingMessage, res: http.ServerResponse, target: string, name: string): void;
  ws(req: http.IncomingMessage, socket: Duplex, head: Buffer, target: string, name: string): void;
  close(): void;
}

export function createUpstreamProxy(logger: Logger): UpstreamProxy {
  // Keep-alive to upstreams: no TCP handshake per proxied request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = httpProxy.createProxyServer({ xfwd: false, changeOrigin: false, agent, ws: true });

  proxy.on('error', (err, _req, resOrSocket) => {
    const name = (_req as http.IncomingMessage & { upstreamName?: string }).upstreamName ?? 'upstream';
    logger.warn({ err: (err as NodeJS.ErrnoException).code ?? err.message, upstream: name }, 'proxy error');
    const msg = `${name} unavailable`;
    if (resOrSocket instanceof http.ServerResponse) {
      if (resOrSocket.headersSent) resOrSocket.destroy();
      else sendEnvelope(resOrSocket, 502, Codes.UNAVAILABLE.code, msg);
    } else if (resOrSocket) {
      refuseUpgrade(resOrSocket as Duplex, 502, 'Bad Gateway', Codes.UNAVAILABLE.code, msg);
    }
  });

  return {
    web(req, res, target, name) {
      (req as http.IncomingMessage & { upstreamName?: string }).upstreamName = name;
      proxy.web(req, res, { target });
    },
    ws(req, socket, head, target, name) {
      (req as http.IncomingMessage & { upstreamName?: string }).upstreamName = name;
      proxy.ws(req, socket, head, { target });
    },
    close() {
      proxy.close();
      agent.destroy();
    },
  };
}
