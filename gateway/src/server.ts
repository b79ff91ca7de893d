import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCodes, Codes } from '@remotegpu/common/codes';
import type { Keys } from '@remotegpu/common/keys';
import { createLogger, type Logger } from '@remotegpu/common/logger';
import type { Store } from '@remotegpu/common/store';
import { ControlReporter } from './controlReporter';
import { refuseUpgrade, sendEnvelope } from './envelope';
import { noHostRoutes, type HostRouter } from './hostRouter';
import { GatewayMetrics } from './metrics';
import { handleOwnRoute } from './ownRoutes';
import { SessionHub } from './sessionHub';
import { SshSession } from './sshSession';
import { clientAddress, setForwardedHeaders } from './clientAddress';
import { admitTicket } from './ticketGate';
import { createUpstreamProxy } from './upstreamProxy';

// The gateway as one HTTP server (DESIGN §2): `/ws/*` it serves itself, the
// health/readiness/metrics endpoints are its own, a machine's host goes to that
// machine (seam: hostRouter), and everything else goes to control. Usable in the
// same process as control (`npm start`) or alone (gateway/src/main.ts).

export interface GatewayOptions {
  port: number;
  host?: string;
  controlUrl: string;
  store: Store;
  keys: Keys;
  recordingsDir: string;
  logger?: Logger;
  /** Take the client address from X-Forwarded-For: only behind a proxy we run (nginx). */
  trustProxy?: boolean;
  /** Per-machine routing by Host; none until a later change supplies one. */
  hostRouter?: HostRouter;
}

export interface Gateway {
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

// How long close() waits for end reports to reach control.
const SHUTDOWN_REPORT_WAIT_MS = 5000;
// Terminal input frames are keystrokes and pastes; nothing near this size.
const MAX_WS_MESSAGE = 1024 * 1024;

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const logger = opts.logger ?? createLogger('gateway');
  const controlUrl = opts.controlUrl.replace(/\/+$/, '');
  const hostRouter = opts.hostRouter ?? noHostRoutes;
  const hub = new SessionHub(opts.store, logger);
  const reporter = new ControlReporter({ controlUrl, internalKey: opts.keys.internal, logger });
  const metrics = new GatewayMetrics(() => hub.size, () => hub.byteTotals());
  hub.metrics = metrics;
  const proxy = createUpstreamProxy(logger);
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_WS_MESSAGE, clientTracking: false });
  const sessionDeps = {
    recordingsDir: opts.recordingsDir, reporter, logger,
    onEnded: (s: SshSession, o: Parameters<SessionHub['onSessionEnded']>[1]) => hub.onSessionEnded(s, o),
  };

  const trustProxy = opts.trustProxy ?? false;
  const server = http.createServer((req, res) => {
    setForwardedHeaders(req, trustProxy);
    const machine = hostRouter(req);
    if (machine) { proxy.web(req, res, machine, 'machine'); return; }
    if (handleOwnRoute(req, res, { store: opts.store, controlUrl, metrics, liveSessions: () => hub.size })) return;
    if ((req.url ?? '').startsWith('/ws/')) {
      sendEnvelope(res, 426, Codes.BAD_REQUEST.code, 'WebSocket upgrade required');
      return;
    }
    proxy.web(req, res, controlUrl, 'control');
  });

  async function upgradeSsh(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const gate = await admitTicket(req, opts.keys.ticket, opts.store, 'ssh');
    if (socket.destroyed) return; // the browser gave up while we checked
    if (!gate.ok) {
      refuseUpgrade(socket, gate.status, gate.status === 401 ? 'Unauthorized' : 'Service Unavailable', gate.code, gate.msg);
      return;
    }
    if (closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable', Codes.UNAVAILABLE.code, 'gateway shutting down');
      return;
    }
    if (hub.has(gate.ticket.session_id)) {
      refuseUpgrade(socket, 409, 'Conflict', Codes.CONFLICT.code, 'session already open');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new SshSession(gate.ticket, ws, clientAddress(req, trustProxy), sessionDeps);
      hub.add(session);
      session.connect();
    });
  }

  // An admin watching a live session read-only; the session must be live here.
  async function upgradeWatch(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const gate = await admitTicket(req, opts.keys.ticket, opts.store, 'watch');
    if (socket.destroyed) return;
    if (!gate.ok) {
      refuseUpgrade(socket, gate.status, gate.status === 401 ? 'Unauthorized' : 'Service Unavailable', gate.code, gate.msg);
      return;
    }
    const session = hub.get(gate.ticket.session_id);
    if (!session) {
      refuseUpgrade(socket, 404, 'Not Found', Codes.NOT_FOUND.code, 'session is not live on this gateway');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!session.watch(ws)) ws.close(CloseCodes.SSH_ENDED.code, 'session is not open');
      else logger.info({ session_id: session.id, watcher: gate.ticket.username }, 'session watched');
    });
  }

  const upgrades: Record<string, typeof upgradeSsh> = { '/ws/ssh': upgradeSsh, '/ws/watch': upgradeWatch };

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    setForwardedHeaders(req, trustProxy);
    const machine = hostRouter(req);
    if (machine) { proxy.ws(req, socket, head, machine, 'machine'); return; }
    const path = (req.url ?? '/').split('?', 1)[0];
    const upgrade = upgrades[path];
    if (upgrade) {
      upgrade(req, socket, head).catch((err) => {
        logger.error({ err: (err as Error).message, path }, 'upgrade failed');
        refuseUpgrade(socket, 500, 'Internal Server Error', Codes.INTERNAL.code, Codes.INTERNAL.msg);
      });
      return;
    }
    refuseUpgrade(socket, 404, 'Not Found', Codes.NOT_FOUND.code, 'no such WebSocket endpoint');
  });

  await hub.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  logger.info({ port, control: controlUrl }, 'gateway listening');

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.close();
    await reporter.drain(SHUTDOWN_REPORT_WAIT_MS);
    proxy.close();
    server.closeAllConnections();
    await stopped;
  }

  return {
    port,
    server,
    close: () => (closing ??= close()),
  };
}
