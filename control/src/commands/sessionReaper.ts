import { Op } from 'sequelize';
import { SESSION_ALIVE_TTL_S, sessionAliveKey } from '@remotegpu/common/internal';
import type { Store } from '@remotegpu/common/store';
import { TICKET_TTL_MS } from '@remotegpu/common/ticket';
import { AccessSession } from '../models';

// Sessions that would otherwise look open forever:
// - `pending` whose ticket was never redeemed (the page closed, the network failed);
// - `active` that no gateway vouches for any more (its gateway crashed or was killed
//   before it could report the end).
const GRACE_MS = 60_000;

export async function reapUnusedSessions(now = new Date()): Promise<number> {
  const [count] = await AccessSession.update(
    { status: 'failed', ended_at: now, close_reason: 'ticket never used: the browser did not connect' },
    { where: { status: 'pending', created_at: { [Op.lt]: new Date(now.getTime() - TICKET_TTL_MS - GRACE_MS) } } },
  );
  return count;
}

export async function reapLostSessions(store: Store, now = new Date()): Promise<number> {
  const candidates = await AccessSession.findAll({ attributes: ['id'], limit: 1000,
    where: { status: 'active', started_at: { [Op.lt]: new Date(now.getTime() - SESSION_ALIVE_TTL_S * 1000) } } });
  const vouched = await Promise.all(candidates.map((s) => store.get(sessionAliveKey(s.id))));
  const lost = candidates.filter((_, i) => !vouched[i]).map((s) => s.id);
  if (lost.length === 0) return 0;
  const [count] = await AccessSession.update(
    { status: 'failed', ended_at: now, close_reason: 'gateway lost: the session was no longer reported' },
    { where: { id: { [Op.in]: lost }, status: 'active' } },
  );
  return count;
}
