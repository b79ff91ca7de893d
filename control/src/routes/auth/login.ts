import type { Context } from 'koa';
import { Sequelize } from 'sequelize';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, TooManyRequestsError } from '../../errors';
import { audit } from '../../lib/audit';
import { checkPassword } from '../../lib/passwords';
import { issueTokens } from '../../lib/tokens';
import { User } from '../../models';
import { presentAuthUser } from '../../presenters/user';
import { input } from '../../middleware/validate';
import type { LoginInput } from './schema';

async function blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const res = await limiter.get(key);
  return res && res.remainingPoints <= 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;
}

export async function login(ctx: Context) {
  const { username, password } = input<LoginInput>(ctx);
  const { limiters, store, keys } = ctx.deps;
  const acctKey = username.toLowerCase();
  const wait = Math.max(await blockedFor(limiters.loginAccount, acctKey), await blockedFor(limiters.loginIp, ctx.ip));
  if (wait > 0) throw new TooManyRequestsError(`too many failed logins, try again in ${wait} s`, wait);

  const user = await User.findOne({ where: Sequelize.where(Sequelize.fn('lower', Sequelize.col('username')), acctKey) });
  const fail = async (name: 'NO_SUCH_USER' | 'WRONG_PASSWORD' | 'ACCOUNT_DISABLED') => {
    await Promise.all([
      limiters.loginAccount.penalty(acctKey, 1), limiters.loginIp.penalty(ctx.ip, 1),
      audit(ctx, { action: 'login_failed', resource_type: 'user', resource_id: user?.id ?? null,
        tenant_id: user?.tenant_id ?? null, details: { username, reason: name.toLowerCase() }, actor: null }),
    ]);
    throw new AppError(name);
  };
  if (!user) return fail('NO_SUCH_USER');
  if (!(await checkPassword(password, user.password_hash))) return fail('WRONG_PASSWORD');
  if (user.status !== 'active') return fail('ACCOUNT_DISABLED');

  await limiters.loginAccount.delete(acctKey);
  await user.update({ last_login_at: new Date() });
  await audit(ctx, { action: 'login', resource_type: 'user', resource_id: user.id, tenant_id: user.tenant_id,
    actor: { id: user.id, username: user.username } });
  const tokens = await issueTokens(store, keys.jwt, user);
  ctx.body = { code: 0, msg: 'ok', data: { ...tokens, user: presentAuthUser(user) } };
}
