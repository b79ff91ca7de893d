import type { Context, Next } from 'koa';
import { TooManyRequestsError } from '../errors';

export async function rateLimit(ctx: Context, next: Next) {
  try {
    await ctx.deps.limiters.api.consume(ctx.ip);
  } catch (res) {
    const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? 1000;
    throw new TooManyRequestsError('too many requests, slow down', Math.ceil(ms / 1000));
  }
  await next();
}
