import type { Context } from 'koa';
import { Op, type Transaction } from 'sequelize';
import type { Store } from '@remotegpu/common/store';
import { TERMINATE_CHANNEL } from '@remotegpu/common/internal';
import { IllegalTransitionError, NotFoundError } from '../errors';
import { audit } from '../lib/audit';
import { AccessSession, Allocation, Machine } from '../models';

// Ends the tenant's hold on a machine: allocation closed, machine back online (or
// left in maintenance), tenant unlinked, and the tenant's live sessions cut.
export async function releaseMachine(tx: Transaction, machine: Machine, allocation: Allocation,
  outcome: { status: 'reclaimed' | 'expired'; reason: string; by: number | null }) {
  await allocation.update({ status: outcome.status, reclaim_reason: outcome.reason, reclaimed_at: new Date(),
    reclaimed_by: outcome.by }, { transaction: tx });
  await machine.update({ status: machine.status === 'allocated' ? 'online' : machine.status, tenant_id: null }, { transaction: tx });
  const live = await AccessSession.findAll({ attributes: ['id'], transaction: tx,
    where: { machine_id: machine.id, tenant_id: allocation.tenant_id, status: { [Op.in]: ['pending', 'active'] } } });
  return live.map((s) => s.id);
}

export async function cutSessions(store: Store, ids: string[]) {
  for (const id of ids) await store.publish(TERMINATE_CHANNEL, id);
}

export async function machineReclaimer(ctx: Context, machineId: number, reason: string) {
  const tx = ctx.state.tx!;
  const machine = await Machine.findByPk(machineId, { transaction: tx, lock: tx.LOCK.UPDATE });
  if (!machine) throw new NotFoundError('machine');
  const allocation = await Allocation.findOne({ where: { machine_id: machine.id, status: 'active' }, transaction: tx, lock: tx.LOCK.UPDATE });
  if (!allocation) throw new IllegalTransitionError(machine.status, 'online (nothing to reclaim)');
  const sessions = await releaseMachine(tx, machine, allocation, { status: 'reclaimed', reason, by: ctx.state.user!.id });
  await audit(ctx, { action: 'reclaim_machine', resource_type: 'machine', resource_id: machine.id, tenant_id: allocation.tenant_id,
    details: { allocation_id: allocation.id, reason, sessions_cut: sessions.length } });
  tx.afterCommit(() => { void cutSessions(ctx.deps.store, sessions); });
  return { machine, allocation };
}
