import type { Context, Next } from 'koa';

// Runs the rest of the pipeline in one database transaction (ctx.state.tx).
export async function transaction(ctx: Context, next: Next) {
  await ctx.deps.sequelize.transaction(async (tx) => {
    ctx.state.tx = tx;
    try { await next(); } finally { ctx.state.tx = undefined; }
  });
}
