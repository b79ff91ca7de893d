// The one HTTP client: envelope unwrapping, Bearer auth, and a single retry after refresh.
import type { Query } from './types';

export const BASE = '/api/v1';

/** Error codes from control's catalogue (DESIGN.md §3). */
export const Codes = {
  WrongPassword: 1001,
  NoSuchUser: 1002,
  AccountDisabled: 1003,
  TokenExpired: 1004,
  TokenRevoked: 1005,
  MustChangePassword: 1006,
  Validation: 2001,
  Forbidden: 3001,
  NotFound: 3002,
  Conflict: 4001,
  IllegalTransition: 4002,
  TooManyRequests: 4291,
} as const;

export class ApiError extends Error {
  constructor(
    public readonly code: number,
    message: string,
    public readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the session layer plugs in, so this module never imports state. */
export interface AuthHooks {
  accessToken(): string | null;
  /** Refresh the token pair; resolves true when a fresh access token is stored. */
  refresh(): Promise<boolean>;
  /** The session can no longer be used (expired refresh, revoked, disabled). */
  lost(): void;
  /** Server says the password must be changed first. */
  mustChange(): void;
}

let hooks: AuthHooks | null = null;
export function setAuthHooks(h: AuthHooks): void {
  hooks = h;
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Send without Bearer and never try to refresh (login, refresh). */
  anonymous?: boolean;
  /** Return the raw body instead of the JSON envelope's data. */
  raw?: 'text' | 'blob';
}

function buildUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return BASE + path + (s ? `?${s}` : '');
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.raw ? '*/*' : 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = opts.anonymous ? null : hooks?.accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(-1, '', 0); // network: the UI shows its own words for code -1
  }
}

async function readEnvelope(res: Response): Promise<{ code: number; msg: string; data: unknown }> {
  const text = await res.text();
  try {
    const env = JSON.parse(text) as { code?: unknown; msg?: unknown; data?: unknown };
    if (typeof env.code === 'number') return { code: env.code, msg: String(env.msg ?? ''), data: env.data };
  } catch {
    /* not JSON: fall through */
  }
  return { code: res.ok ? 0 : res.status, msg: res.ok ? '' : `HTTP ${res.status}`, data: undefined };
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 401 && !opts.anonymous && hooks) {
    const env = await readEnvelope(res.clone());
    if (env.code === Codes.TokenExpired) {
      if (await hooks.refresh()) res = await send(method, path, opts);
      else {
        hooks.lost();
        throw new ApiError(env.code, env.msg, 401);
      }
    }
  }
  if (opts.raw && res.ok) {
    return (opts.raw === 'text' ? await res.text() : await res.blob()) as T;
  }
  const env = await readEnvelope(res);
  if (!res.ok || env.code !== 0) {
    if (!opts.anonymous && hooks) {
      if (res.status === 401) hooks.lost();
      else if (env.code === Codes.MustChangePassword) hooks.mustChange();
    }
    throw new ApiError(env.code, env.msg, res.status);
  }
  return env.data as T;
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
