import Router from '@koa/router';
import { auth, requireRole } from '../../middleware/auth';
import { rateLimit } from '../../middleware/rateLimit';
import { validate } from '../../middleware/validate';
import { exportAuditLogs, listAuditLogs } from './list';
import { exportAuditLogsSchema, listAuditLogsSchema } from './schema';

// Read-only views of the audit trail for admins; no transaction, as nothing is changed
// (the export's own audit row commits on its own).
export const auditLogsRouter = new Router({ prefix: '/api/v1/admin/audit-logs' });
const admin = [rateLimit, auth, requireRole('admin')] as const;

auditLogsRouter.get('/', ...admin, validate(listAuditLogsSchema, 'query'), listAuditLogs);
auditLogsRouter.get('/export', ...admin, validate(exportAuditLogsSchema, 'query'), exportAuditLogs);
