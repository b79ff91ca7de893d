import { createHmac, timingSafeEqual } from 'node:crypto';

// Gateway -> control reports are signed with the shared internal key:
// header `x-remotegpu-signature: <unix ms>.<hex hmac-sha256 of "<unix ms>.<body>">`.
export const SIGNATURE_HEADER = 'x-remotegpu-signature';
const MAX_SKEW_MS = 60_000;

export function signInternal(key: Buffer, body: string, now = Date.now()): string {
  const mac = createHmac('sha256', key).update(`${now}.${body}`).digest('hex');
  return `${now}.${mac}`;
}

export function verifyInternal(key: Buffer, body: string, header: string | undefined, now = Date.now()): boolean {
  if (!header) return false;
  const dot = header.indexOf('.');
  const ts = Number(header.slice(0, dot));
  if (!Number.isFinite(ts) || Math.abs(now - ts) > MAX_SKEW_MS) return false;
  const want = Buffer.from(createHmac('sha256', key).update(`${ts}.${body}`).digest('hex'));
  const got = Buffer.from(header.slice(dot + 1));
  return got.length === want.length && timingSafeEqual(got, want);
}

// What the gateway reports about a session, in order: start, then end.
export type SessionEvent =
  | { type: 'start'; started_at: string; client_ip: string | null; recording_path: string; host_key_sha256?: string }
  | { type: 'end'; ended_at: string; status: 'closed' | 'failed' | 'terminated'; reason: string;
      bytes_in: number; bytes_out: number; recording_size: number };

export const TERMINATE_CHANNEL = 'session:terminate';

// Live sessions are vouched for in the shared store by the gateway holding them,
// renewed every SESSION_ALIVE_EVERY_MS; a session nobody vouches for any more (its
// gateway crashed or was killed) is closed by control's housekeeping.
export const sessionAliveKey = (sessionId: string) => `session-alive:${sessionId}`;
export const SESSION_ALIVE_EVERY_MS = 30_000;
export const SESSION_ALIVE_TTL_S = 95;
