import type { Context, Next } from 'koa';
import { httpRequests, httpSeconds } from '../lib/metrics';

// Counts every API request by its route pattern (never the raw path: ids would make
// a label per object), whatever the outcome.
export async function requestMetrics(ctx: Context, next: Next) {
  if (!ctx.path.startsWith('/api/')) return next();
  const end = httpSeconds.startTimer();
  try {
    await next();
  } finally {
    const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
    end({ method: ctx.method, route: String(route) });
    httpRequests.inc({ method: ctx.method, route: String(route), status: String(ctx.status) });
  }
}
