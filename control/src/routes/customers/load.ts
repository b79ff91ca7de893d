import type { Transaction } from 'sequelize';
import { NotFoundError } from '../../errors';
import { Machine, Tenant, User } from '../../models';

// A customer is an owner account with its tenant; any other user is "not found" here.
// Inside a write transaction the owner row is locked, so two admins' clicks serialise.
export async function loadCustomer(id: number, tx?: Transaction): Promise<{ user: User; tenant: Tenant }> {
  const user = await User.findOne({ where: { id, role: 'customer_owner' }, transaction: tx, lock: tx ? tx.LOCK.UPDATE : undefined });
  const tenant = user?.tenant_id ? await Tenant.findByPk(user.tenant_id, { transaction: tx }) : null;
  if (!user || !tenant) throw new NotFoundError('customer');
  return { user, tenant };
}

// Machines currently held by each tenant (machines.tenant_id), in one grouped query.
export async function machineCounts(tenantIds: number[], tx?: Transaction): Promise<Map<number, number>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await Machine.count({ where: { tenant_id: tenantIds }, group: ['tenant_id'], transaction: tx });
  return new Map(rows.map((r) => [Number(r.tenant_id), Number(r.count)]));
}
