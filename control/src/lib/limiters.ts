import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '@remotegpu/common/store';

// Login failures are throttled per account and per IP; the API as a whole per IP.
export interface Limiters { loginAccount: RateLimiterAbstract; loginIp: RateLimiterAbstract; api: RateLimiterAbstract }

export function createLimiters(store: Store): Limiters {
  const make = (keyPrefix: string, points: number, duration: number, blockDuration = 0) =>
    store.redis
      ? new RateLimiterRedis({ storeClient: store.redis, keyPrefix: `${store.keyPrefix}rl:${keyPrefix}`, points, duration, blockDuration })
      : new RateLimiterMemory({ keyPrefix, points, duration, blockDuration });
  return {
    loginAccount: make('login-acct', 5, 15 * 60, 15 * 60),
    loginIp: make('login-ip', 30, 15 * 60, 15 * 60),
    api: make('api', 600, 60),
  };
}
