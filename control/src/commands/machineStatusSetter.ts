import type { Context } from 'koa';
import { IllegalTransitionError, NotFoundError } from '../errors';
import { audit } from '../lib/audit';
import { assertMove } from '../lib/machineStatus';
import { Allocation, Machine } from '../models';

// By-hand moves: online, maintenance, offline. Leaving maintenance (or offline) for
// `online` while a tenant still holds the machine puts it back to `allocated`.
export async function machineStatusSetter(ctx: Context, machineId: number, to: 'online' | 'maintenance' | 'offline', reason?: string) {
  const tx = ctx.state.tx!;
  const machine = await Machine.findByPk(machineId, { transaction: tx, lock: tx.LOCK.UPDATE });
  if (!machine) throw new NotFoundError('machine');
  const from = machine.status;
  if (from === 'allocated' && to === 'online') throw new IllegalTransitionError(from, 'online (reclaim it instead)');
  assertMove(from, to);
  const held = to === 'online' && (await Allocation.count({ where: { machine_id: machine.id, status: 'active' }, transaction: tx })) > 0;
  const next = held ? 'allocated' : to;
  await machine.update({ status: next, status_reason: reason ?? null }, { transaction: tx });
  await audit(ctx, { action: 'set_machine_status', resource_type: 'machine', resource_id: machine.id,
    details: { from, to: next, reason: reason ?? null } });
  return machine;
}
