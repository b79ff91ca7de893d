import { Sequelize } from 'sequelize';
import { AccessSession } from './accessSession';
import { Allocation } from './allocation';
import { AuditLog } from './auditLog';
import { Machine } from './machine';
import { Tenant } from './tenant';
import { User } from './user';

export { AccessSession, Allocation, AuditLog, Machine, Tenant, User };
export type { Role } from './user';
export type { MachineStatus } from './machine';

export function connectDb(url: string): Sequelize {
  const sequelize = new Sequelize(url, { dialect: 'postgres', logging: false, pool: { max: 10 } });
  for (const m of [Tenant, User, Machine, Allocation, AccessSession, AuditLog]) m.initModel(sequelize);
  User.belongsTo(Tenant, { foreignKey: 'tenant_id', as: 'tenant' });
  Machine.belongsTo(Tenant, { foreignKey: 'tenant_id', as: 'tenant' });
  Allocation.belongsTo(Tenant, { foreignKey: 'tenant_id', as: 'tenant' });
  Allocation.belongsTo(Machine, { foreignKey: 'machine_id', as: 'machine' });
  AccessSession.belongsTo(User, { foreignKey: 'user_id', as: 'user' });
  AccessSession.belongsTo(Machine, { foreignKey: 'machine_id', as: 'machine' });
  return sequelize;
}
