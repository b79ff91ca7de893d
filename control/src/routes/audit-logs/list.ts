import type { Context } from 'koa';
import { audit } from '../../lib/audit';
import { paging } from '../../lib/params';
import { input } from '../../middleware/validate';
import { AuditLog } from '../../models';
import { presentAuditLog } from '../../presenters/audit';
import { toCsv } from './csv';
import { auditWhere, NEWEST_FIRST } from './query';
import type { AuditFilters, ListAuditLogsInput } from './schema';

export const EXPORT_LIMIT = 10_000;
const COLUMNS = ['id', 'created_at', 'actor_id', 'actor_username', 'tenant_id', 'action', 'resource_type', 'resource_id', 'ip', 'details'];

export async function listAuditLogs(ctx: Context) {
  const { page, page_size, ...filters } = input<ListAuditLogsInput>(ctx);
  const { rows, count } = await AuditLog.findAndCountAll({
    where: auditWhere(filters), order: NEWEST_FIRST, ...paging(page, page_size),
  });
  ctx.body = { code: 0, msg: 'ok', data: { items: rows.map(presentAuditLog), total: count, page, page_size } };
}

// Not an envelope: a file download. X-Total-Count tells a caller when the cap cut rows off.
export async function exportAuditLogs(ctx: Context) {
  const filters = input<AuditFilters>(ctx);
  const where = auditWhere(filters);
  const [rows, total] = await Promise.all([
    AuditLog.findAll({ where, order: NEWEST_FIRST, limit: EXPORT_LIMIT }),
    AuditLog.count({ where }),
  ]);
  // Taking the whole log out of the system is itself worth a record.
  await audit(ctx, { action: 'export_audit_logs', resource_type: 'audit_log',
    details: { filters: { ...filters, from: filters.from?.toISOString(), to: filters.to?.toISOString() }, rows: rows.length } });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  ctx.set('Content-Disposition', `attachment; filename="audit-logs-${stamp}.csv"`);
  ctx.set('X-Total-Count', String(total));
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'text/csv; charset=utf-8';
  // The BOM lets Excel read UTF-8 (Chinese names) correctly.
  ctx.body = '\uFEFF' + toCsv(COLUMNS, rows.map(presentAuditLog));
}
