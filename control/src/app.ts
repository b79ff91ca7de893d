import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Deps } from './context';
import { AppError } from './errors';
import { errorHandler } from './middleware/errorHandler';
import { requestMetrics } from './middleware/metrics';
import { securityHeaders } from './middleware/securityHeaders';
import { routers } from './routes';
import { webApp } from './routes/web';

// The Koa app: envelope and errors first, then JSON body parsing, the API, then the web app.
export function createApp(deps: Deps): Koa {
  // Control sits behind the gateway (or nginx), which sets exactly one X-Forwarded-For
  // hop: the last one is the client; anything before it is a client's claim.
  const app = new Koa({ proxy: true, maxIpsCount: 1 });
  app.context.deps = deps;
  // Errors after the response started (a client that went away mid-download) are not ours to answer.
  app.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE') return;
    deps.logger.error({ err }, 'response error');
  });
  app.use(securityHeaders);
  app.use(requestMetrics);
  app.use(errorHandler);
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' });
  app.use(async (ctx, next) => {
    // A body that is not JSON is the client's mistake: 400, not 500.
    try { await parse(ctx, async () => {}); } catch (err) {
      throw new AppError('BAD_REQUEST', `request body is not valid JSON: ${(err as Error).message}`);
    }
    await next();
  });
  for (const r of routers) app.use(r.routes()).use(r.allowedMethods());
  if (deps.webDistDir) app.use(webApp(deps.webDistDir));
  return app;
}
