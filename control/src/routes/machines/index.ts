import Router from '@koa/router';
import { auth, requireRole } from '../../middleware/auth';
import { rateLimit } from '../../middleware/rateLimit';
import { transaction } from '../../middleware/transaction';
import { validate } from '../../middleware/validate';
import * as admin from './adminHandlers';
import * as mine from './handlers';
import { allocateSchema, createMachineSchema, importMachinesSchema, listMachinesSchema, patchMachineSchema, reclaimSchema, setStatusSchema } from './schema';

export const adminMachinesRouter = new Router({ prefix: '/api/v1/admin/machines' });
adminMachinesRouter.use(rateLimit, auth, requireRole('admin'));
adminMachinesRouter.get('/', validate(listMachinesSchema, 'query'), admin.list);
adminMachinesRouter.post('/', validate(createMachineSchema), transaction, admin.create);
adminMachinesRouter.post('/import', validate(importMachinesSchema), transaction, admin.importMany);
adminMachinesRouter.get('/:id', admin.show);
adminMachinesRouter.patch('/:id', validate(patchMachineSchema), transaction, admin.patch);
adminMachinesRouter.delete('/:id', transaction, admin.remove);
adminMachinesRouter.post('/:id/status', validate(setStatusSchema), transaction, admin.setStatus);
adminMachinesRouter.post('/:id/allocate', validate(allocateSchema), transaction, admin.allocate);
adminMachinesRouter.post('/:id/reclaim', validate(reclaimSchema), transaction, admin.reclaim);
adminMachinesRouter.get('/:id/allocations', admin.allocations);

export const machinesRouter = new Router({ prefix: '/api/v1/machines' });
machinesRouter.use(rateLimit, auth);
machinesRouter.get('/', validate(listMachinesSchema.pick({ page: true, page_size: true, status: true }), 'query'), mine.list);
machinesRouter.get('/:id', mine.show);
machinesRouter.get('/:id/connection', mine.connection);
