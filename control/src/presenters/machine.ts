import type { Allocation, Machine, Tenant } from '../models';

type WithTenant = Machine & { tenant?: Tenant | null };

export function presentAllocation(a: Allocation & { tenant?: Tenant | null }) {
  return { id: a.id, machine_id: a.machine_id, tenant_id: a.tenant_id, company_code: a.tenant?.company_code ?? null,
    start_at: a.start_at.toISOString(), end_at: a.end_at.toISOString(), status: a.status,
    reclaim_reason: a.reclaim_reason, reclaimed_at: a.reclaimed_at?.toISOString() ?? null, created_at: a.created_at.toISOString() };
}

// Admin view: everything but the sealed secret.
export function presentMachineForAdmin(m: WithTenant, active: (Allocation & { tenant?: Tenant | null }) | null) {
  return {
    id: m.id, name: m.name, region: m.region, host: m.host, ssh_port: m.ssh_port, ssh_username: m.ssh_username,
    auth_type: m.ssh_auth_type, ssh_host_key_sha256: m.ssh_host_key_sha256, status: m.status, status_reason: m.status_reason, labels: m.labels,
    gpu_model: m.gpu_model, gpu_count: m.gpu_count, hardware: m.hardware,
    tenant: m.tenant ? { id: m.tenant.id, company_code: m.tenant.company_code } : null,
    allocation: active ? presentAllocation(active) : null,
    last_heartbeat_at: m.last_heartbeat_at?.toISOString() ?? null,
    created_at: m.created_at.toISOString(), updated_at: m.updated_at.toISOString(),
  };
}

// Customer view: what the tenant rents, never how the platform manages it.
export function presentMachineForCustomer(m: Machine, active: Allocation | null) {
  return {
    id: m.id, name: m.name, region: m.region, status: m.status, gpu_model: m.gpu_model, gpu_count: m.gpu_count,
    labels: m.labels, allocation: active ? { start_at: active.start_at.toISOString(), end_at: active.end_at.toISOString() } : null,
    last_heartbeat_at: m.last_heartbeat_at?.toISOString() ?? null,
  };
}

export function presentConnection(m: Machine) {
  const target = `${m.ssh_username}@${m.host}`;
  return { host: m.host, port: m.ssh_port, username: m.ssh_username,
    command: m.ssh_port === 22 ? `ssh ${target}` : `ssh -p ${m.ssh_port} ${target}` };
}
