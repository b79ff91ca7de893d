import type { Context, Next } from 'koa';
import type { z } from 'zod';
import { ValidationError } from '../errors';

// Validates body (or query for GET) with a strict zod schema before the handler runs;
// the handler reads ctx.state.input, never the raw body.
export function validate(schema: z.ZodType, source: 'body' | 'query' = 'body') {
  const mw = async (ctx: Context, next: Next) => {
    const raw = source === 'body' ? (ctx.request as unknown as { body?: unknown }).body ?? {} : ctx.query;
    const result = schema.safeParse(raw);
    if (!result.success) {
      const fields = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = fields[0];
      throw new ValidationError(first ? `${first.path || 'body'}: ${first.message}` : 'invalid input', { fields });
    }
    ctx.state.input = result.data;
    await next();
  };
  // Tagged so the OpenAPI document can be built from the routers themselves.
  return Object.assign(mw, { openapi: { schema, source } });
}

export function input<T>(ctx: Context): T {
  return ctx.state.input as T;
}
