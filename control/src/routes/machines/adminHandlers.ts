import type { Context } from 'koa';
import { Op, type WhereOptions } from 'sequelize';
import { machineAllocator } from '../../commands/machineAllocator';
import { machineImporter } from '../../commands/machineImporter';
import { machineReclaimer } from '../../commands/machineReclaimer';
import { machineStatusSetter } from '../../commands/machineStatusSetter';
import { machineCreator, machineUpdater } from '../../commands/machineWriter';
import { IllegalTransitionError, NotFoundError } from '../../errors';
import { audit } from '../../lib/audit';
import { intParam, likePattern } from '../../lib/params';
import { input } from '../../middleware/validate';
import { Allocation, Machine, Tenant } from '../../models';
import { presentAllocation, presentMachineForAdmin } from '../../presenters/machine';
import { activeAllocations, pageMachines } from './loaders';
import type { CreateMachineInput, ListMachinesInput, PatchMachineInput } from './schema';

const ok = (ctx: Context, data: unknown) => { ctx.body = { code: 0, msg: 'ok', data }; };

async function present(id: number, tx = undefined as Context['state']['tx']) {
  const m = await Machine.findByPk(id, { include: [{ model: Tenant, as: 'tenant' }], transaction: tx });
  if (!m) throw new NotFoundError('machine');
  return presentMachineForAdmin(m, (await activeAllocations([id], tx)).get(id) ?? null);
}

export async function list(ctx: Context) {
  const q = input<ListMachinesInput>(ctx);
  const where: WhereOptions<Machine> & Record<string | symbol, unknown> = {};
  if (q.status) where.status = q.status;
  if (q.region) where.region = q.region;
  if (q.gpu_model) where.gpu_model = q.gpu_model;
  if (q.tenant_id) where.tenant_id = q.tenant_id;
  if (q.ending_before) {
    const ending = await Allocation.findAll({ attributes: ['machine_id'],
      where: { status: 'active', end_at: { [Op.lte]: q.ending_before } } });
    where.id = { [Op.in]: ending.map((a) => a.machine_id) };
  }
  if (q.keyword) {
    const like = likePattern(q.keyword);
    where[Op.or] = [{ name: { [Op.iLike]: like } }, { host: { [Op.iLike]: like } }, { region: { [Op.iLike]: like } }];
  }
  const { rows, count, allocations } = await pageMachines(where, q.page, q.page_size);
  ok(ctx, { items: rows.map((m) => presentMachineForAdmin(m, allocations.get(m.id) ?? null)), total: count, page: q.page, page_size: q.page_size });
}

export async function create(ctx: Context) {
  const m = await machineCreator(ctx, input<CreateMachineInput>(ctx));
  ctx.status = 201;
  ok(ctx, await present(m.id, ctx.state.tx));
}

export async function importMany(ctx: Context) {
  const results = await machineImporter(ctx, input<{ machines: unknown[] }>(ctx).machines);
  ok(ctx, { items: results, created: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length });
}

export async function show(ctx: Context) { ok(ctx, await present(intParam(ctx, 'id', 'machine'))); }

export async function patch(ctx: Context) {
  const m = await Machine.findByPk(intParam(ctx, 'id', 'machine'), { transaction: ctx.state.tx });
  if (!m) throw new NotFoundError('machine');
  await machineUpdater(ctx, m, input<PatchMachineInput>(ctx));
  ok(ctx, await present(m.id, ctx.state.tx));
}

export async function remove(ctx: Context) {
  const m = await Machine.findByPk(intParam(ctx, 'id', 'machine'), { transaction: ctx.state.tx });
  if (!m) throw new NotFoundError('machine');
  if (m.status === 'allocated' || m.tenant_id) throw new IllegalTransitionError(m.status, 'deleted (reclaim it first)');
  await audit(ctx, { action: 'delete_machine', resource_type: 'machine', resource_id: m.id, details: { name: m.name } });
  await m.destroy({ transaction: ctx.state.tx });
  ok(ctx, null);
}

export async function setStatus(ctx: Context) {
  const { status, reason } = input<{ status: 'online' | 'maintenance' | 'offline'; reason?: string }>(ctx);
  const m = await machineStatusSetter(ctx, intParam(ctx, 'id', 'machine'), status, reason);
  ok(ctx, await present(m.id, ctx.state.tx));
}

export async function allocate(ctx: Context) {
  const { tenant_id, end_at } = input<{ tenant_id: number; end_at: Date }>(ctx);
  const { machine } = await machineAllocator(ctx, intParam(ctx, 'id', 'machine'), tenant_id, end_at);
  ok(ctx, await present(machine.id, ctx.state.tx));
}

export async function reclaim(ctx: Context) {
  const { reason } = input<{ reason: string }>(ctx);
  const { machine } = await machineReclaimer(ctx, intParam(ctx, 'id', 'machine'), reason);
  ok(ctx, await present(machine.id, ctx.state.tx));
}

export async function allocations(ctx: Context) {
  const id = intParam(ctx, 'id', 'machine');
  if (!(await Machine.count({ where: { id } }))) throw new NotFoundError('machine');
  const rows = await Allocation.findAll({ where: { machine_id: id }, include: [{ model: Tenant, as: 'tenant' }],
    order: [['created_at', 'DESC'], ['id', 'DESC']], limit: 100 });
  ok(ctx, { items: rows.map(presentAllocation), total: rows.length, page: 1, page_size: 100 });
}
