import type { Context } from 'koa';
import { NotFoundError } from '../../errors';
import { intParam } from '../../lib/params';
import { input } from '../../middleware/validate';
import { Machine } from '../../models';
import { authorizeMachine, machineScope } from '../../policies/machine';
import { presentConnection, presentMachineForCustomer } from '../../presenters/machine';
import { activeAllocations, pageMachines } from './loaders';
import type { ListMachinesInput } from './schema';

// The machines a user may reach (a customer: the tenant's; an admin: all), scoped at the source.
export async function list(ctx: Context) {
  const q = input<ListMachinesInput>(ctx);
  const where = { ...machineScope(ctx.state.user!), ...(q.status ? { status: q.status } : {}) };
  const { rows, count, allocations } = await pageMachines(where, q.page, q.page_size);
  ctx.body = { code: 0, msg: 'ok', data: {
    items: rows.map((m) => presentMachineForCustomer(m, allocations.get(m.id) ?? null)), total: count, page: q.page, page_size: q.page_size } };
}

async function load(ctx: Context): Promise<Machine> {
  const id = intParam(ctx, 'id', 'machine');
  const m = await Machine.findOne({ where: { ...machineScope(ctx.state.user!), id } });
  if (!m) throw new NotFoundError('machine');
  return authorizeMachine(ctx.state.user!, m);
}

export async function show(ctx: Context) {
  const m = await load(ctx);
  ctx.body = { code: 0, msg: 'ok', data: presentMachineForCustomer(m, (await activeAllocations([m.id])).get(m.id) ?? null) };
}

export async function connection(ctx: Context) {
  ctx.body = { code: 0, msg: 'ok', data: presentConnection(await load(ctx)) };
}

export { load as loadVisibleMachine };
