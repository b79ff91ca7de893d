import type { AuditLog } from '../models';

// Allow-list serialiser for an audit row; also the column order of the CSV export.
export function presentAuditLog(a: AuditLog) {
  return {
    id: a.id,
    actor_id: a.actor_id,
    actor_username: a.actor_username,
    tenant_id: a.tenant_id,
    action: a.action,
    resource_type: a.resource_type,
    resource_id: a.resource_id,
    details: a.details ?? {},
    ip: a.ip,
    created_at: a.created_at.toISOString(),
  };
}

export type PresentedAuditLog = ReturnType<typeof presentAuditLog>;
