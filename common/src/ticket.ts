import { randomUUID } from 'node:crypto';
import { open, seal } from './sealed';
import type { Store } from './store';

// What the gateway needs to reach a machine for one session. Sealed by control,
// opened by the gateway, valid 60 s and once: credentials never reach the browser.
export interface SshTicket {
  kind: 'ssh';
  jti: string;
  session_id: string;
  user_id: number;
  username: string;
  machine_id: number;
  target: {
    host: string; port: number; username: string; password?: string; private_key?: string;
    /** OpenSSH `SHA256:...` fingerprint the machine must present; absent: learn it (trust on first use). */
    host_key_sha256?: string;
  };
  exp: number; // unix ms
}

// An admin watching a live session, read-only: no machine credentials at all.
export interface WatchTicket {
  kind: 'watch';
  jti: string;
  session_id: string;
  user_id: number;
  username: string;
  exp: number;
}

export type Ticket = SshTicket | WatchTicket;
type TicketBody = Omit<SshTicket, 'jti' | 'exp'> | Omit<WatchTicket, 'jti' | 'exp'>;

export const TICKET_TTL_MS = 60_000;
const AAD = 'remotegpu-ticket-v1';

export function sealTicket(key: Buffer, body: TicketBody, now = Date.now()): string {
  const t = { ...body, jti: randomUUID(), exp: now + TICKET_TTL_MS };
  return seal(key, JSON.stringify(t), AAD);
}

export type TicketResult = { ok: true; ticket: Ticket } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

// Opens and burns the ticket: a second use of the same ticket answers 'used'.
export async function redeemTicket(key: Buffer, store: Store, sealed: string, now = Date.now()): Promise<TicketResult> {
  const plain = open(key, sealed, AAD);
  if (!plain) return { ok: false, reason: 'invalid' };
  let t: Ticket;
  try { t = JSON.parse(plain.toString('utf8')); } catch { return { ok: false, reason: 'invalid' }; }
  if (typeof t.exp !== 'number' || t.exp < now) return { ok: false, reason: 'expired' };
  const fresh = await store.setNX(`ticket:used:${t.jti}`, '1', Math.ceil((t.exp - now) / 1000) + 5);
  if (!fresh) return { ok: false, reason: 'used' };
  return { ok: true, ticket: t };
}
