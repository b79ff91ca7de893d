import { SESSION_ALIVE_EVERY_MS, SESSION_ALIVE_TTL_S, TERMINATE_CHANNEL, sessionAliveKey } from '@remotegpu/common/internal';
import type { Logger } from '@remotegpu/common/logger';
import type { Store } from '@remotegpu/common/store';
import type { ByteTotals, GatewayMetrics } from './metrics';
import type { SshSession } from './sshSession';
import type { Outcome } from './sshOutcome';

// The live sessions on this gateway: terminate-by-id from control (published on
// the store, so any gateway holding the session acts), one shared ping round for
// all browsers (no timer per session), totals for metrics, and shutdown.

const PING_INTERVAL_MS = 30_000;

export class SessionHub {
  private readonly sessions = new Map<string, SshSession>();
  private readonly endedTotals: ByteTotals = { bytesIn: 0, bytesOut: 0 };
  private unsubscribe: (() => Promise<void>) | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private voucher: NodeJS.Timeout | null = null;
  metrics: GatewayMetrics | null = null;

  constructor(private readonly store: Store, private readonly logger: Logger, private readonly pingIntervalMs = PING_INTERVAL_MS) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.store.subscribe(TERMINATE_CHANNEL, (sessionId) => this.terminate(sessionId));
    this.pinger = setInterval(() => this.pingRound(), this.pingIntervalMs);
    this.pinger.unref();
    this.voucher = setInterval(() => this.vouchAll(), SESSION_ALIVE_EVERY_MS);
    this.voucher.unref();
  }

  get size(): number { return this.sessions.size; }
  has(sessionId: string): boolean { return this.sessions.has(sessionId); }
  get(sessionId: string): SshSession | undefined { return this.sessions.get(sessionId); }

  add(session: SshSession): void {
    this.sessions.set(session.id, session);
    this.vouch(session.id);
  }

  /** Called by a session once it has ended. */
  onSessionEnded(session: SshSession, outcome: Outcome): void {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
    void this.store.del(sessionAliveKey(session.id)).catch(() => undefined);
    this.endedTotals.bytesIn += session.bytesIn;
    this.endedTotals.bytesOut += session.bytesOut;
    this.metrics?.sessionEnded(outcome.status);
    this.logger.info({ session_id: session.id, status: outcome.status, reason: outcome.reason,
      bytes_in: session.bytesIn, bytes_out: session.bytesOut }, 'session ended');
  }

  terminate(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false; // live on another gateway, or already over
    this.logger.info({ session_id: sessionId }, 'session terminated by control');
    session.terminate();
    return true;
  }

  byteTotals(): ByteTotals {
    let { bytesIn, bytesOut } = this.endedTotals;
    for (const s of this.sessions.values()) { bytesIn += s.bytesIn; bytesOut += s.bytesOut; }
    return { bytesIn, bytesOut };
  }

  /** Ends every live session (recordings closed, end reports queued) and stops listening. */
  async close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    if (this.voucher) clearInterval(this.voucher);
    this.pinger = null;
    this.voucher = null;
    await this.unsubscribe?.().catch(() => undefined);
    this.unsubscribe = null;
    await Promise.all([...this.sessions.values()].map((s) => s.shutdown()));
  }

  private vouch(sessionId: string): void {
    this.store.set(sessionAliveKey(sessionId), '1', SESSION_ALIVE_TTL_S)
      .catch((err) => this.logger.warn({ session_id: sessionId, err: (err as Error).message }, 'cannot vouch for session'));
  }

  private vouchAll(): void {
    for (const id of this.sessions.keys()) this.vouch(id);
  }

  private pingRound(): void {
    for (const s of this.sessions.values()) {
      if (!s.alive) s.dropDead();
      else s.ping();
    }
  }
}
