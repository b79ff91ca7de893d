import type { Context } from 'koa';
import { AppError, IllegalTransitionError, NotFoundError } from '../errors';
import { audit } from '../lib/audit';
import { Allocation, Machine, Tenant } from '../models';

// Allocation is checked and written in one transaction, with the machine row locked,
// so two admins cannot hand the same machine to two tenants.
export async function machineAllocator(ctx: Context, machineId: number, tenantId: number, endAt: Date) {
  const tx = ctx.state.tx!;
  const machine = await Machine.findByPk(machineId, { transaction: tx, lock: tx.LOCK.UPDATE });
  if (!machine) throw new NotFoundError('machine');
  const tenant = await Tenant.findByPk(tenantId, { transaction: tx });
  if (!tenant) throw new NotFoundError('tenant');
  if (tenant.status !== 'active') throw new AppError('CONFLICT', `tenant ${tenant.company_code} is disabled`);
  if (machine.status !== 'online') throw new IllegalTransitionError(machine.status, 'allocated');
  const allocation = await Allocation.create({ machine_id: machine.id, tenant_id: tenant.id, end_at: endAt,
    created_by: ctx.state.user!.id }, { transaction: tx });
  await machine.update({ status: 'allocated', tenant_id: tenant.id, status_reason: null }, { transaction: tx });
  await audit(ctx, { action: 'allocate_machine', resource_type: 'machine', resource_id: machine.id, tenant_id: tenant.id,
    details: { allocation_id: allocation.id, company_code: tenant.company_code, end_at: endAt.toISOString() } });
  return { machine, allocation };
}
