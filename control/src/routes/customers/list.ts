import type { Context } from 'koa';
import { Op, type WhereOptions } from 'sequelize';
import { intParam, likePattern, paging } from '../../lib/params';
import { input } from '../../middleware/validate';
import { authorizeUser } from '../../policies/user';
import { Tenant, User } from '../../models';
import { presentCustomer } from '../../presenters/customer';
import { loadCustomer, machineCounts } from './load';
import type { ListCustomersInput } from './schema';

type UserWithTenant = User & { tenant: Tenant };

export async function listCustomers(ctx: Context) {
  const { page, page_size, keyword } = input<ListCustomersInput>(ctx);
  const where: WhereOptions<User> = { role: 'customer_owner' };
  if (keyword) {
    const like = { [Op.iLike]: likePattern(keyword) };
    Object.assign(where, { [Op.or]: [{ username: like }, { email: like }, { phone: like }, { '$tenant.company_code$': like }] });
  }
  const { rows, count } = await User.findAndCountAll({
    where,
    include: [{ model: Tenant, as: 'tenant', attributes: ['id', 'company_code'], required: true }],
    order: [['created_at', 'DESC'], ['id', 'DESC']],
    ...paging(page, page_size),
  });
  const counts = await machineCounts(rows.map((u) => u.tenant_id!));
  const items = (rows as UserWithTenant[]).map((u, i) => ({
    // A running number across pages, so row 1 of page 2 continues where page 1 ended.
    index: (page - 1) * page_size + i + 1,
    ...presentCustomer(u, u.tenant, counts.get(u.tenant_id!) ?? 0),
  }));
  ctx.body = { code: 0, msg: 'ok', data: { items, total: count, page, page_size } };
}

export async function showCustomer(ctx: Context) {
  const { user, tenant } = await loadCustomer(intParam(ctx, 'id', 'customer'));
  authorizeUser(ctx.state.user!, 'read', user, 'customer');
  const counts = await machineCounts([tenant.id]);
  ctx.body = { code: 0, msg: 'ok', data: presentCustomer(user, tenant, counts.get(tenant.id) ?? 0) };
}
