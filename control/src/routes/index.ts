import type Router from '@koa/router';
import { auditLogsRouter } from './audit-logs';
import { authRouter } from './auth';
import { customersRouter } from './customers';
import { docsRouter } from './docs';
import { healthRouter } from './health';
import { internalRouter } from './internal';
import { adminMachinesRouter, machinesRouter } from './machines';
import { adminSessionsRouter, sessionsRouter } from './sessions';

export const routers: Router[] = [healthRouter, authRouter, adminMachinesRouter, machinesRouter, sessionsRouter,
  adminSessionsRouter, internalRouter, customersRouter, auditLogsRouter];
routers.push(docsRouter(() => routers));
