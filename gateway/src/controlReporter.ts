import { SIGNATURE_HEADER, signInternal, type SessionEvent } from '@remotegpu/common/internal';
import type { Logger } from '@remotegpu/common/logger';

// Tells control what happened to each session (start, then end with bytes and
// recording size), signed with the internal key. Reports never hold up a
// terminal: callers fire and forget, and a session's end is sent only after its
// start has been delivered or given up on, so control sees them in order.

const RETRY_DELAYS_MS = [250, 1000, 3000, 8000];
const REQUEST_TIMEOUT_MS = 5000;

export interface ControlReporterOptions {
  controlUrl: string;
  internalKey: Buffer;
  logger: Logger;
  retryDelaysMs?: number[];
}

export class ControlReporter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lastBySession = new Map<string, Promise<void>>();
  private readonly delays: number[];
  private stopping = false;

  constructor(private readonly opts: ControlReporterOptions) {
    this.delays = opts.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  /** Queues an event for delivery after the session's previous one; never rejects. */
  report(sessionId: string, event: SessionEvent): Promise<void> {
    const previous = this.lastBySession.get(sessionId) ?? Promise.resolve();
    const p = previous.then(() => this.deliver(sessionId, event));
    this.lastBySession.set(sessionId, p);
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      if (this.lastBySession.get(sessionId) === p) this.lastBySession.delete(sessionId);
    });
    return p;
  }

  /** Waits for reports under way, at most `timeoutMs`; retries are cut short. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); });
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    clearTimeout(timer);
  }

  private async deliver(sessionId: string, event: SessionEvent): Promise<void> {
    const url = `${this.opts.controlUrl}/api/v1/internal/sessions/${encodeURIComponent(sessionId)}/events`;
    const body = JSON.stringify(event);
    let lastProblem = '';
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // Signed per attempt: the signature carries a timestamp control checks.
            [SIGNATURE_HEADER]: signInternal(this.opts.internalKey, body),
          },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return;
        lastProblem = `HTTP ${res.status}`;
        // A 4xx other than timeout/throttle will not get better by retrying.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) break;
      } catch (err) {
        lastProblem = (err as NodeJS.ErrnoException).cause
          ? String(((err as { cause: { code?: string } }).cause).code ?? (err as Error).message)
          : (err as Error).message;
      }
      if (attempt >= this.delays.length || this.stopping) break;
      await new Promise((r) => setTimeout(r, this.delays[attempt]));
    }
    this.opts.logger.warn({ session_id: sessionId, event: event.type, problem: lastProblem }, 'session report not delivered');
  }
}
