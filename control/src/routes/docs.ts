import Router from '@koa/router';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import send from 'koa-send';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { z } from 'zod';

type Tagged = { openapi?: { schema: z.ZodType; source: 'body' | 'query' } };
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const envelope = { description: 'envelope `{code, msg, data}`; code 0 on success, a catalogue code otherwise' };

// The OpenAPI 3.1 document, built from the routers themselves: every route with its
// method, path parameters and the zod schema its validate() step enforces.
export function buildOpenApi(routers: Router[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const router of routers) {
    for (const layer of router.stack) {
      const path = String(layer.path).replace(/:([A-Za-z_]+)/g, '{$1}');
      if (!path.startsWith('/api/') || path.startsWith('/api/v1/internal')) continue;
      const tagged = layer.stack.map((fn) => (fn as Tagged).openapi).find(Boolean);
      const params = [...String(layer.path).matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      for (const method of layer.methods.map((m) => m.toLowerCase()).filter((m) => m !== 'head') as Method[]) {
        registry.registerPath({
          method, path, tags: [path.split('/')[3] === 'admin' ? `admin ${path.split('/')[4]}` : path.split('/')[3]],
          security: path.startsWith('/api/v1/auth/login') || path.startsWith('/api/v1/auth/refresh') ? [] : [{ bearer: [] }],
          parameters: params.map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' as const } })),
          request: tagged?.source === 'body'
            ? { body: { content: { 'application/json': { schema: tagged.schema as never } } } }
            : tagged?.source === 'query' ? { query: tagged.schema as never } : undefined,
          responses: { 200: envelope },
        });
      }
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0', info: { title: 'RemoteGPU control API', version: '1' }, servers: [{ url: '/' }],
  });
}

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const page = `<!doctype html><html><head><meta charset="utf-8"><title>RemoteGPU API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const init = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#ui' });`;

export function docsRouter(routers: () => Router[]) {
  let doc: unknown = null;
  const r = new Router();
  r.get('/api/v1/openapi.json', (ctx) => { ctx.body = (doc ??= buildOpenApi(routers())); });
  r.get('/api/docs', (ctx) => { ctx.type = 'html'; ctx.body = page; });
  r.get('/api/docs/init.js', (ctx) => { ctx.type = 'js'; ctx.body = init; });
  r.get('/api/docs/:file', async (ctx) => {
    const file = ctx.params.file;
    if (!['swagger-ui.css', 'swagger-ui-bundle.js'].includes(file)) return;
    await send(ctx, file, { root: swaggerDir, maxage: 86400000 });
  });
  return r;
}
