import type { Tenant, User } from '../models';

// Allow-list serialiser for a customer (an owner account and its tenant): never the hash.
export function presentCustomer(u: User, tenant: Pick<Tenant, 'company_code'>, machineCount: number) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    phone: u.phone,
    company_code: tenant.company_code,
    tenant_id: u.tenant_id,
    role: u.role,
    status: u.status,
    must_change_password: u.must_change_password,
    machine_count: machineCount,
    created_at: u.created_at.toISOString(),
    last_login_at: u.last_login_at ? u.last_login_at.toISOString() : null,
  };
}
