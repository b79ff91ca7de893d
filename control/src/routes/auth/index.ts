import Router from '@koa/router';
import { auth } from '../../middleware/auth';
import { rateLimit } from '../../middleware/rateLimit';
import { transaction } from '../../middleware/transaction';
import { validate } from '../../middleware/validate';
import { login } from './login';
import { changePasswordSchema, loginSchema, refreshSchema } from './schema';
import { changePassword, logout, me, refresh } from './session';

export const authRouter = new Router({ prefix: '/api/v1/auth' });
authRouter.post('/login', rateLimit, validate(loginSchema), login);
authRouter.post('/refresh', rateLimit, validate(refreshSchema), refresh);
authRouter.post('/logout', rateLimit, auth, logout);
authRouter.get('/me', rateLimit, auth, me);
authRouter.post('/change-password', rateLimit, auth, validate(changePasswordSchema), transaction, changePassword);
