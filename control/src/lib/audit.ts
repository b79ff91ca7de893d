import type { Context } from 'koa';
import type { Transaction } from 'sequelize';
import { AuditLog } from '../models';

export interface AuditEntry {
  action: string;
  resource_type: string;
  resource_id?: string | number | null;
  details?: Record<string, unknown>;
  tenant_id?: number | null;
  actor?: { id: number; username: string } | null;
}

// Writes the audit row in the caller's transaction, so the action and its record commit together.
export async function audit(ctx: Context, entry: AuditEntry, tx: Transaction | undefined = ctx.state.tx) {
  const actor = entry.actor !== undefined ? entry.actor : ctx.state.user ?? null;
  await AuditLog.create({
    actor_id: actor?.id ?? null,
    actor_username: actor?.username ?? null,
    tenant_id: entry.tenant_id ?? null,
    action: entry.action,
    resource_type: entry.resource_type,
    resource_id: entry.resource_id == null ? null : String(entry.resource_id),
    details: entry.details ?? {},
    ip: ctx.ip || null,
  }, { transaction: tx });
}
