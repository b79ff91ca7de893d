import Router from '@koa/router';
import client from 'prom-client';
import { AppError } from '../errors';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'remotegpu_control_' });
export const httpRequests = new client.Counter({
  name: 'remotegpu_control_http_requests_total', help: 'API requests by status', labelNames: ['status'], registers: [registry],
});

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
