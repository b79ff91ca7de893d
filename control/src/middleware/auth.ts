import type { Context, Next } from 'koa';
import { AppError, ForbiddenError } from '../errors';
import { isRevoked, verifyAccess } from '../lib/tokens';
import { User, type Role } from '../models';

// Routes a user who must change the password may still call.
const ALLOWED_BEFORE_CHANGE = new Set(['/api/v1/auth/change-password', '/api/v1/auth/me', '/api/v1/auth/logout']);

export async function auth(ctx: Context, next: Next) {
  const header = ctx.get('Authorization');
  const m = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
  if (!m) throw new AppError('UNAUTHENTICATED');
  const claims = verifyAccess(ctx.deps.keys.jwt, m[1]);
  if (await isRevoked(ctx.deps.store, claims)) throw new AppError('TOKEN_REVOKED');
  // Status is re-checked on every request: a disabled account stops at once.
  const user = await User.findByPk(claims.sub);
  if (!user) throw new AppError('TOKEN_INVALID');
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (user.must_change_password && !ALLOWED_BEFORE_CHANGE.has(ctx.path)) throw new AppError('MUST_CHANGE_PASSWORD');
  ctx.state.user = user;
  ctx.state.auth = claims;
  await next();
}

export function requireRole(...roles: Role[]) {
  return async (ctx: Context, next: Next) => {
    if (!ctx.state.user || !roles.includes(ctx.state.user.role)) throw new ForbiddenError('this needs another role');
    await next();
  };
}
