import type { User } from '../models';

// Allow-list serialisers: only these fields ever leave the API.
export function presentAuthUser(u: User) {
  return { id: u.id, username: u.username, role: u.role, tenant_id: u.tenant_id, must_change_password: u.must_change_password };
}

export function presentMe(u: User, companyCode: string | null) {
  return { ...presentAuthUser(u), email: u.email, phone: u.phone, status: u.status, company_code: companyCode,
    created_at: u.created_at.toISOString() };
}
