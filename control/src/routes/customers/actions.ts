import type { Context } from 'koa';
import { createCustomer } from '../../commands/customerCreator';
import { setCustomerStatus, type AccountStatus } from '../../commands/customerStatusChanger';
import { resetPassword } from '../../commands/passwordResetter';
import { audit } from '../../lib/audit';
import { revokeUserTokens } from '../../lib/tokens';
import { intParam } from '../../lib/params';
import { input } from '../../middleware/validate';
import { authorizeUser } from '../../policies/user';
import { presentCustomer } from '../../presenters/customer';
import { loadCustomer, machineCounts } from './load';
import type { CreateCustomerInput, ResetPasswordInput } from './schema';

export async function createCustomerHandler(ctx: Context) {
  const body = input<CreateCustomerInput>(ctx);
  const { user, tenant } = await createCustomer(body, ctx.state.tx);
  await audit(ctx, { action: 'create_user', resource_type: 'user', resource_id: user.id, tenant_id: tenant.id,
    details: { username: user.username, company_code: tenant.company_code, role: user.role, default_password: body.password === undefined } });
  ctx.status = 201;
  ctx.body = { code: 0, msg: 'ok', data: presentCustomer(user, tenant, 0) };
}

function statusHandler(status: AccountStatus) {
  const action = status === 'disabled' ? 'disable' : 'enable';
  return async (ctx: Context) => {
    const tx = ctx.state.tx;
    const { user, tenant } = await loadCustomer(intParam(ctx, 'id', 'customer'), tx);
    authorizeUser(ctx.state.user!, action, user, 'customer');
    // Idempotent: a repeated click answers the current state and writes no second audit row.
    if (await setCustomerStatus(user, status, tx)) {
      await audit(ctx, { action: `${action}_user`, resource_type: 'user', resource_id: user.id, tenant_id: tenant.id,
        details: { username: user.username, company_code: tenant.company_code } });
    }
    const counts = await machineCounts([tenant.id], tx);
    ctx.body = { code: 0, msg: 'ok', data: presentCustomer(user, tenant, counts.get(tenant.id) ?? 0) };
  };
}

export const disableCustomer = statusHandler('disabled');
export const enableCustomer = statusHandler('active');

// Answers the new password once; it is never logged nor put in the audit details.
export async function resetCustomerPassword(ctx: Context) {
  const { password } = input<ResetPasswordInput>(ctx);
  const { user, tenant } = await loadCustomer(intParam(ctx, 'id', 'customer'), ctx.state.tx);
  authorizeUser(ctx.state.user!, 'reset_password', user, 'customer');
  const plain = await resetPassword(user, password, ctx.state.tx);
  await audit(ctx, { action: 'reset_password', resource_type: 'user', resource_id: user.id, tenant_id: tenant.id,
    details: { username: user.username, generated: password === undefined } });
  // Whoever knew the old password is logged out everywhere.
  await revokeUserTokens(ctx.deps.store, user.id);
  // A reset is often asked for after a lock-out: clear the account's failed-login throttle.
  await ctx.deps.limiters.loginAccount.delete(user.username.toLowerCase());
  ctx.body = { code: 0, msg: 'ok', data: { password: plain } };
}
