import { Op } from 'sequelize';
import { TICKET_TTL_MS } from '@remotegpu/common/ticket';
import { AccessSession } from '../models';

// A session whose ticket was never redeemed (the page closed, the network failed)
// would stay `pending` forever: once its ticket has expired it is marked failed.
const GRACE_MS = 60_000;

export async function reapUnusedSessions(now = new Date()): Promise<number> {
  const [count] = await AccessSession.update(
    { status: 'failed', ended_at: now, close_reason: 'ticket never used: the browser did not connect' },
    { where: { status: 'pending', created_at: { [Op.lt]: new Date(now.getTime() - TICKET_TTL_MS - GRACE_MS) } } },
  );
  return count;
}
