import type { Transaction } from 'sequelize';
import { DEFAULT_PASSWORD, hashPassword } from '../lib/passwords';
import { Tenant, User } from '../models';

export interface NewCustomer {
  username: string;
  company_code: string;
  email: string;
  phone?: string | null;
  password?: string;
}

// A customer is a tenant (the company) and its owner account, created together so that
// neither exists without the other. Duplicates surface as unique violations, which the
// error handler answers as 409 naming the field.
export async function createCustomer(c: NewCustomer, tx: Transaction | undefined): Promise<{ user: User; tenant: Tenant }> {
  const tenant = await Tenant.create({ company_code: c.company_code, name: null }, { transaction: tx });
  const user = await User.create({
    username: c.username, email: c.email, phone: c.phone ?? null,
    password_hash: await hashPassword(c.password ?? DEFAULT_PASSWORD),
    role: 'customer_owner', tenant_id: tenant.id,
    // Always, even with a chosen password: the admin knows it, so the customer must replace it.
    must_change_password: true, password_changed_at: null, last_login_at: null,
  }, { transaction: tx });
  return { user, tenant };
}
