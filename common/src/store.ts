import { Redis } from 'ioredis';

// The small set of shared-state operations control and gateway need: token
// revocation, ticket burning, refresh-token families, counters, pub/sub.
// Backed by Redis when REDIS_URL is set, else by MemoryStore in this process.
export interface Store {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Sets only if absent; true when this call set it. */
  setNX(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /** Members of a set; sets expire as a whole. */
  sadd(key: string, member: string, ttlSeconds: number): Promise<void>;
  smembers(key: string): Promise<string[]>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  readonly redis: Redis | null;
  /** Prefix of every key this store writes (lets test runs share one Redis). */
  readonly keyPrefix: string;
}

export class RedisStore implements Store {
  readonly redis: Redis;
  private sub: Redis | null = null;
  private handlers = new Map<string, Set<(m: string) => void>>();

  constructor(url: string, readonly keyPrefix = 'rg:') {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.redis.on('error', () => { /* surfaced through ping() and /readyz */ });
  }
  private k(key: string) { return this.keyPrefix + key; }
  async get(key: string) { return this.redis.get(this.k(key)); }
  async set(key: string, value: string, ttl?: number) {
    if (ttl) await this.redis.set(this.k(key), value, 'EX', ttl); else await this.redis.set(this.k(key), value);
  }
  async setNX(key: string, value: string, ttl: number) {
    return (await this.redis.set(this.k(key), value, 'EX', ttl, 'NX')) === 'OK';
  }
  async del(...keys: string[]) { if (keys.length) await this.redis.del(...keys.map((x) => this.k(x))); }
  async sadd(key: string, member: string, ttl: number) {
    await this.redis.multi().sadd(this.k(key), member).expire(this.k(key), ttl).exec();
  }
  async smembers(key: string) { return this.redis.smembers(this.k(key)); }
  async publish(channel: string, message: string) { await this.redis.publish(this.k(channel), message); }
  async subscribe(channel: string, onMessage: (m: string) => void) {
    if (!this.sub) {
      this.sub = this.redis.duplicate();
      this.sub.on('error', () => {});
      this.sub.on('message', (ch: string, msg: string) => {
        for (const h of this.handlers.get(ch) ?? []) h(msg);
      });
    }
    const ch = this.k(channel);
    let set = this.handlers.get(ch);
    if (!set) { set = new Set(); this.handlers.set(ch, set); await this.sub.subscribe(ch); }
    set.add(onMessage);
    return async () => {
      set!.delete(onMessage);
      if (set!.size === 0) { this.handlers.delete(ch); await this.sub?.unsubscribe(ch); }
    };
  }
  async ping() {
    try { return (await this.redis.ping()) === 'PONG'; } catch { return false; }
  }
  async close() {
    this.sub?.disconnect();
    this.redis.disconnect();
  }
}

interface Entry { value: string | Set<string>; expiresAt: number }

export class MemoryStore implements Store {
  readonly redis = null;
  readonly keyPrefix = '';
  private data = new Map<string, Entry>();
  private handlers = new Map<string, Set<(m: string) => void>>();
  private sweeper = setInterval(() => this.sweep(), 30_000).unref();

  private live(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (e && e.expiresAt <= Date.now()) { this.data.delete(key); return undefined; }
    return e;
  }
  private sweep() {
    const now = Date.now();
    for (const [k, e] of this.data) if (e.expiresAt <= now) this.data.delete(k);
  }
  private exp(ttl?: number) { return ttl ? Date.now() + ttl * 1000 : Number.POSITIVE_INFINITY; }
  async get(key: string) {
    const e = this.live(key);
    return typeof e?.value === 'string' ? e.value : null;
  }
  async set(key: string, value: string, ttl?: number) { this.data.set(key, { value, expiresAt: this.exp(ttl) }); }
  async setNX(key: string, value: string, ttl: number) {
    if (this.live(key)) return false;
    this.data.set(key, { value, expiresAt: this.exp(ttl) });
    return true;
  }
  async del(...keys: string[]) { for (const k of keys) this.data.delete(k); }
  async sadd(key: string, member: string, ttl: number) {
    const e = this.live(key);
    const set = e && e.value instanceof Set ? e.value : new Set<string>();
    set.add(member);
    this.data.set(key, { value: set, expiresAt: this.exp(ttl) });
  }
  async smembers(key: string) {
    const e = this.live(key);
    return e && e.value instanceof Set ? [...e.value] : [];
  }
  async publish(channel: string, message: string) {
    for (const h of this.handlers.get(channel) ?? []) queueMicrotask(() => h(message));
  }
  async subscribe(channel: string, onMessage: (m: string) => void) {
    let set = this.handlers.get(channel);
    if (!set) { set = new Set(); this.handlers.set(channel, set); }
    set.add(onMessage);
    return async () => { set!.delete(onMessage); };
  }
  async ping() { return true; }
  async close() { clearInterval(this.sweeper); this.handlers.clear(); }
}

export function createStore(redisUrl: string | undefined, prefix?: string): Store {
  return redisUrl ? new RedisStore(redisUrl, prefix) : new MemoryStore();
}
