import type { Context } from 'koa';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { checkPassword, hashPassword } from '../../lib/passwords';
import { issueTokens, redeemRefresh, revokeSession, revokeUserTokens } from '../../lib/tokens';
import { Tenant, User } from '../../models';
import { presentAuthUser, presentMe } from '../../presenters/user';
import { input } from '../../middleware/validate';
import type { ChangePasswordInput } from './schema';

export async function refresh(ctx: Context) {
  const { refresh_token } = input<{ refresh_token: string }>(ctx);
  const { userId, family } = await redeemRefresh(ctx.deps.store, refresh_token);
  const user = await User.findByPk(userId);
  if (!user) throw new AppError('TOKEN_INVALID');
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  const tokens = await issueTokens(ctx.deps.store, ctx.deps.keys.jwt, user, family);
  ctx.body = { code: 0, msg: 'ok', data: { ...tokens, user: presentAuthUser(user) } };
}

export async function logout(ctx: Context) {
  await revokeSession(ctx.deps.store, ctx.state.auth!);
  await audit(ctx, { action: 'logout', resource_type: 'user', resource_id: ctx.state.user!.id,
    tenant_id: ctx.state.user!.tenant_id });
  ctx.body = { code: 0, msg: 'ok', data: null };
}

export async function me(ctx: Context) {
  const user = ctx.state.user!;
  const tenant = user.tenant_id ? await Tenant.findByPk(user.tenant_id) : null;
  ctx.body = { code: 0, msg: 'ok', data: presentMe(user, tenant?.company_code ?? null) };
}

// Changing the password ends every other login of this account and hands back a fresh pair.
export async function changePassword(ctx: Context) {
  const { old_password, new_password } = input<ChangePasswordInput>(ctx);
  const user = ctx.state.user!;
  if (!(await checkPassword(old_password, user.password_hash))) throw new AppError('WRONG_PASSWORD', 'current password is wrong');
  if (old_password === new_password) throw new AppError('VALIDATION_FAILED', 'new_password: must differ from the current one');
  await user.update({ password_hash: await hashPassword(new_password), must_change_password: false,
    password_changed_at: new Date() }, { transaction: ctx.state.tx });
  await audit(ctx, { action: 'change_password', resource_type: 'user', resource_id: user.id, tenant_id: user.tenant_id });
  await revokeUserTokens(ctx.deps.store, user.id);
  const tokens = await issueTokens(ctx.deps.store, ctx.deps.keys.jwt, user);
  ctx.body = { code: 0, msg: 'ok', data: { ...tokens, user: presentAuthUser(user) } };
}
