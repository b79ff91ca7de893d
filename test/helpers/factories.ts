import { randomBytes } from 'node:crypto';
import { sealMachineSecret } from '@remotegpu/control/lib/secrets';
import { hashPassword } from '@remotegpu/control/lib/passwords';
import { Machine, Tenant, User, type Role } from '@remotegpu/control/models';
import { Api } from './api';
import type { Stack } from './stack';

// Fresh objects per test, so tests never depend on each other or on order.
export const PASSWORD = 'Passw0rd_test';
const uniq = (p: string) => `${p}${randomBytes(4).toString('hex')}`;

export async function buildTenant(overrides: Partial<{ company_code: string }> = {}) {
  return Tenant.create({ company_code: overrides.company_code ?? uniq('CO'), name: null });
}

export async function buildUser(o: { role?: Role; tenant_id?: number | null; username?: string; must_change_password?: boolean; status?: 'active' | 'disabled' } = {}) {
  const role = o.role ?? 'admin';
  const tenant_id = role === 'admin' ? null : (o.tenant_id ?? (await buildTenant()).id);
  return User.create({ username: o.username ?? uniq(role === 'admin' ? 'adm' : 'cus'), email: null, phone: null,
    password_hash: await hashPassword(PASSWORD), role, tenant_id, must_change_password: o.must_change_password ?? false,
    status: o.status ?? 'active', password_changed_at: null, last_login_at: null });
}

export async function buildMachine(stack: Stack, o: Partial<{ name: string; host: string; ssh_port: number; ssh_username: string; password: string; status: Machine['status']; tenant_id: number | null }> = {}) {
  return Machine.create({ name: o.name ?? uniq('gpu-'), region: 'test-region', host: o.host ?? '127.0.0.1',
    ssh_port: o.ssh_port ?? 22, ssh_username: o.ssh_username ?? 'nobody', ssh_auth_type: 'password',
    ssh_secret_enc: sealMachineSecret(stack.keys.secrets, o.password ?? 'x'),
    status: o.status ?? 'online', tenant_id: o.tenant_id ?? null });
}

// A logged-in API client for a fresh user of the given role.
export async function loginAs(stack: Stack, o: Parameters<typeof buildUser>[0] = {}) {
  const user = await buildUser(o);
  const api = await new Api(stack.controlUrl).login(user.username, PASSWORD);
  return { user, api };
}
