import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { Allocation, Machine, Tenant } from '../../models';

// Active allocations for a page of machines, in one query.
export async function activeAllocations(machineIds: number[], tx?: Transaction) {
  if (machineIds.length === 0) return new Map<number, Allocation>();
  const rows = await Allocation.findAll({ where: { machine_id: { [Op.in]: machineIds }, status: 'active' },
    include: [{ model: Tenant, as: 'tenant' }], transaction: tx });
  return new Map(rows.map((a) => [a.machine_id, a]));
}

export async function pageMachines(where: WhereOptions<Machine>, page: number, pageSize: number) {
  const { rows, count } = await Machine.findAndCountAll({ where, include: [{ model: Tenant, as: 'tenant' }],
    order: [['created_at', 'DESC'], ['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize });
  return { rows, count, allocations: await activeAllocations(rows.map((m) => m.id)) };
}
