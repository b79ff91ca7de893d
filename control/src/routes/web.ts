import type { Context, Next } from 'koa';
import send from 'koa-send';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Serves the built single-page app; unknown non-API paths fall back to index.html.
export function webApp(root: string) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (!['GET', 'HEAD'].includes(ctx.method) || ctx.path.startsWith('/api/')) return;
    const file = ctx.path === '/' ? 'index.html' : ctx.path.slice(1);
    if (!file.includes('..') && existsSync(join(root, file)) && !file.endsWith('/')) {
      await send(ctx, file, { root, maxage: file.startsWith('assets/') ? 31536000000 : 0, immutable: file.startsWith('assets/') });
    } else {
      await send(ctx, 'index.html', { root });
    }
  };
}
