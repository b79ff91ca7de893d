import Router from '@koa/router';
import { auth, requireRole } from '../../middleware/auth';
import { rateLimit } from '../../middleware/rateLimit';
import { transaction } from '../../middleware/transaction';
import { validate } from '../../middleware/validate';
import { createCustomerHandler, disableCustomer, enableCustomer, resetCustomerPassword } from './actions';
import { listCustomers, showCustomer } from './list';
import { createCustomerSchema, listCustomersSchema, noBodySchema, resetPasswordSchema } from './schema';

// Customers (a tenant and its owner account), managed by admins only.
export const customersRouter = new Router({ prefix: '/api/v1/admin/customers' });
const admin = [rateLimit, auth, requireRole('admin')] as const;

customersRouter.get('/', ...admin, validate(listCustomersSchema, 'query'), listCustomers);
customersRouter.post('/', ...admin, validate(createCustomerSchema), transaction, createCustomerHandler);
customersRouter.get('/:id', ...admin, validate(noBodySchema, 'query'), showCustomer);
customersRouter.post('/:id/disable', ...admin, validate(noBodySchema), transaction, disableCustomer);
customersRouter.post('/:id/enable', ...admin, validate(noBodySchema), transaction, enableCustomer);
customersRouter.post('/:id/reset-password', ...admin, validate(resetPasswordSchema), transaction, resetCustomerPassword);
