import { Op } from 'sequelize';
import type { Deps } from '../context';
import { AuditLog, Allocation, Machine } from '../models';
import { cutSessions, releaseMachine } from './machineReclaimer';

// Terms that end are reclaimed automatically: each overdue allocation is expired in
// its own transaction, with an audit row, and the tenant's live sessions are cut.
export async function expireAllocations(deps: Deps, now = new Date()): Promise<number> {
  const due = await Allocation.findAll({ where: { status: 'active', end_at: { [Op.lte]: now } }, attributes: ['id'], limit: 100 });
  let done = 0;
  for (const { id } of due) {
    const cut = await deps.sequelize.transaction(async (tx) => {
      const a = await Allocation.findOne({ where: { id, status: 'active' }, transaction: tx, lock: tx.LOCK.UPDATE });
      const m = a && await Machine.findByPk(a.machine_id, { transaction: tx, lock: tx.LOCK.UPDATE });
      if (!a || !m) return [];
      const sessions = await releaseMachine(tx, m, a, { status: 'expired', reason: 'term ended', by: null });
      await AuditLog.create({ actor_id: null, actor_username: 'system', tenant_id: a.tenant_id, action: 'expire_allocation',
        resource_type: 'machine', resource_id: String(m.id), details: { allocation_id: a.id, end_at: a.end_at.toISOString() }, ip: null },
      { transaction: tx });
      done++;
      return sessions;
    });
    await cutSessions(deps.store, cut);
  }
  return done;
}
