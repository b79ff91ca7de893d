import type { Transaction } from 'sequelize';
import { Tenant, type User } from '../models';

export type AccountStatus = 'active' | 'disabled';

// Disabling a customer disables its owner account and marks the tenant; the auth
// middleware re-checks the account status on every request, so live tokens stop at once.
// Returns whether anything changed, so a repeated click is not audited twice.
export async function setCustomerStatus(owner: User, status: AccountStatus, tx: Transaction | undefined): Promise<boolean> {
  const tenant = owner.tenant_id === null ? null : await Tenant.findByPk(owner.tenant_id, { transaction: tx, lock: tx ? tx.LOCK.UPDATE : undefined });
  const changed = owner.status !== status || (tenant !== null && tenant.status !== status);
  if (!changed) return false;
  await owner.update({ status }, { transaction: tx });
  if (tenant) await tenant.update({ status }, { transaction: tx });
  return true;
}
