import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { Codes } from '@remotegpu/common/codes';
import { redeemTicket, type Ticket } from '@remotegpu/common/ticket';
import type { Store } from '@remotegpu/common/store';

// Decides, before any WebSocket upgrade, whether a `/ws/ssh?ticket=...` (or
// `/ws/watch?ticket=...`) handshake may proceed: the ticket must open under our key, be unexpired and unused (it is
// burnt here), and describe a target we can safely use. A refusal is an HTTP
// status plus an envelope; the ticket itself is never logged.

const MAX_TICKET_CHARS = 16 * 1024;

// Session ids become file names: nothing that could climb out of RECORDINGS_DIR.
const sessionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

const sshShape = z.object({
  kind: z.literal('ssh'),
  session_id: sessionId,
  target: z.object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    username: z.string().min(1).max(255),
    password: z.string().max(4096).optional(),
    private_key: z.string().max(32 * 1024).optional(),
  }).refine((t) => t.password !== undefined || t.private_key !== undefined, 'no credentials'),
});
const watchShape = z.object({ kind: z.literal('watch'), session_id: sessionId, user_id: z.number().int(), username: z.string() });
const shapes = { ssh: sshShape, watch: watchShape };

export type GateResult<K extends Ticket['kind']> =
  | { ok: true; ticket: Extract<Ticket, { kind: K }> }
  | { ok: false; status: number; code: number; msg: string };

function refused(status: number, code: number, msg: string): { ok: false; status: number; code: number; msg: string } {
  return { ok: false, status, code, msg };
}

export async function admitTicket<K extends Ticket['kind']>(req: IncomingMessage, ticketKey: Buffer, store: Store, kind: K): Promise<GateResult<K>> {
  const sealed = new URL(req.url ?? '/', 'http://gateway').searchParams.get('ticket');
  if (!sealed || sealed.length > MAX_TICKET_CHARS) {
    return refused(401, Codes.TOKEN_INVALID.code, 'ticket missing or invalid');
  }
  let result;
  try {
    result = await redeemTicket(ticketKey, store, sealed);
  } catch {
    return refused(503, Codes.UNAVAILABLE.code, 'session store unavailable');
  }
  if (!result.ok) {
    if (result.reason === 'expired') return refused(401, Codes.TOKEN_EXPIRED.code, 'ticket expired');
    if (result.reason === 'used') return refused(401, Codes.TOKEN_INVALID.code, 'ticket already used');
    return refused(401, Codes.TOKEN_INVALID.code, 'ticket missing or invalid');
  }
  // A ticket for one purpose never opens another (an SSH ticket is no watch ticket).
  if (!shapes[kind].safeParse(result.ticket).success) {
    return refused(401, Codes.TOKEN_INVALID.code, 'ticket missing or invalid');
  }
  return { ok: true, ticket: result.ticket as Extract<Ticket, { kind: K }> };
}
