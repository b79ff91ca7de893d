import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

// The gateway's own Prometheus registry (not prom-client's global one, so control
// and gateway can share a process without name clashes). Byte counters are not
// incremented per chunk on the hot path: sessions keep plain numbers and the
// counters are brought up to date when Prometheus scrapes.

export type SessionOutcome = 'closed' | 'failed' | 'terminated';

export interface ByteTotals { bytesIn: number; bytesOut: number }

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly sessionsTotal: Counter<'outcome'>;

  constructor(private readonly liveSessions: () => number, private readonly byteTotals: () => ByteTotals) {
    collectDefaultMetrics({ register: this.registry });
    const live = this.liveSessions;
    new Gauge({
      name: 'remotegpu_gateway_sessions_live',
      help: 'Terminal sessions open on this gateway now',
      registers: [this.registry],
      collect() { this.set(live()); },
    });
    this.sessionsTotal = new Counter({
      name: 'remotegpu_gateway_sessions_total',
      help: 'Terminal sessions ended, by outcome',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.monotonic('remotegpu_gateway_bytes_in_total', 'Bytes from browsers to machines', () => this.byteTotals().bytesIn);
    this.monotonic('remotegpu_gateway_bytes_out_total', 'Bytes from machines to browsers', () => this.byteTotals().bytesOut);
  }

  sessionEnded(outcome: SessionOutcome): void {
    this.sessionsTotal.inc({ outcome });
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  // A counter whose value is read from a running total at scrape time.
  private monotonic(name: string, help: string, read: () => number): void {
    let reported = 0;
    new Counter({
      name, help, registers: [this.registry],
      collect() {
        const now = read();
        if (now > reported) { this.inc(now - reported); reported = now; }
      },
    });
  }
}
