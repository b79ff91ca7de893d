import type { IncomingMessage, ServerResponse } from 'node:http';
import { Codes } from '@remotegpu/common/codes';
import type { Store } from '@remotegpu/common/store';
import { sendEnvelope } from './envelope';
import type { GatewayMetrics } from './metrics';

// The three HTTP endpoints the gateway answers itself; everything else is proxied.

const CONTROL_PROBE_TIMEOUT_MS = 2000;

export interface OwnRoutesDeps {
  store: Store;
  controlUrl: string;
  metrics: GatewayMetrics;
  liveSessions: () => number;
}

async function controlReachable(controlUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${controlUrl}/healthz`, { signal: AbortSignal.timeout(CONTROL_PROBE_TIMEOUT_MS) });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok;
  } catch {
    return false;
  }
}

/** Answers the request and returns true if it is one of the gateway's own paths. */
export function handleOwnRoute(req: IncomingMessage, res: ServerResponse, deps: OwnRoutesDeps): boolean {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    sendEnvelope(res, 405, Codes.BAD_REQUEST.code, 'method not allowed');
    return true;
  }
  if (path === '/healthz') {
    sendEnvelope(res, 200, Codes.OK.code, Codes.OK.msg, { status: 'alive', live_sessions: deps.liveSessions() });
  } else if (path === '/readyz') {
    void Promise.all([deps.store.ping().catch(() => false), controlReachable(deps.controlUrl)]).then(([store, control]) => {
      const ready = store && control;
      sendEnvelope(res, ready ? 200 : 503, ready ? Codes.OK.code : Codes.UNAVAILABLE.code,
        ready ? Codes.OK.msg : 'not ready', { store, control });
    });
  } else {
    void deps.metrics.text().then(
      ({ contentType, body }) => { res.writeHead(200, { 'content-type': contentType }); res.end(body); },
      () => sendEnvelope(res, 500, Codes.INTERNAL.code, Codes.INTERNAL.msg),
    );
  }
  return true;
}
