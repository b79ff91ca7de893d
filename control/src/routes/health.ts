import Router from '@koa/router';
import { AppError } from '../errors';
import { registry } from '../lib/metrics';

export const healthRouter = new Router();
healthRouter.get('/healthz', (ctx) => { ctx.body = { code: 0, msg: 'ok', data: { status: 'alive' } }; });
healthRouter.get('/readyz', async (ctx) => {
  const db = await ctx.deps.sequelize.query('SELECT 1').then(() => true, () => false);
  const store = await ctx.deps.store.ping();
  if (!db || !store) throw new AppError('UNAVAILABLE', `not ready: database ${db ? 'ok' : 'down'}, store ${store ? 'ok' : 'down'}`);
  ctx.body = { code: 0, msg: 'ok', data: { database: 'ok', store: 'ok' } };
});
healthRouter.get('/metrics', async (ctx) => {
  ctx.type = registry.contentType;
  ctx.body = await registry.metrics();
});
