import Router from '@koa/router';
import { auth, requireRole } from '../../middleware/auth';
import { rateLimit } from '../../middleware/rateLimit';
import { transaction } from '../../middleware/transaction';
import { validate } from '../../middleware/validate';
import * as h from './handlers';
import { listSessionsSchema, openSessionSchema, recordingQuerySchema } from './schema';

export const sessionsRouter = new Router({ prefix: '/api/v1' });
sessionsRouter.post('/machines/:id/sessions', rateLimit, auth, validate(openSessionSchema), transaction, h.open);
sessionsRouter.get('/sessions/:id', rateLimit, auth, h.show);
sessionsRouter.get('/sessions/:id/recording', rateLimit, auth, validate(recordingQuerySchema, 'query'), h.recording);

export const adminSessionsRouter = new Router({ prefix: '/api/v1/admin/sessions' });
adminSessionsRouter.use(rateLimit, auth, requireRole('admin'));
adminSessionsRouter.get('/', validate(listSessionsSchema, 'query'), h.list);
adminSessionsRouter.get('/:id', h.show);
adminSessionsRouter.post('/:id/terminate', transaction, h.terminate);
adminSessionsRouter.post('/:id/watch', transaction, h.watch);
