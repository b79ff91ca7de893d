import type { WhereOptions } from 'sequelize';
import { NotFoundError } from '../errors';
import type { Machine, User } from '../models';

// Tenancy first: a customer reaches only machines allocated to their own tenant;
// anything else answers exactly like a missing machine. Members get machines through
// grants, which arrive with their own issue: until then they reach none (fail closed).
export function machineScope(user: User): WhereOptions<Machine> {
  if (user.role === 'admin') return {};
  if (user.role === 'customer_owner' && user.tenant_id) return { tenant_id: user.tenant_id };
  return { id: -1 };
}

export function canSeeMachine(user: User, machine: Machine): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'customer_owner' && user.tenant_id !== null && machine.tenant_id === user.tenant_id;
}

export function authorizeMachine(user: User, machine: Machine | null): Machine {
  if (!machine || !canSeeMachine(user, machine)) throw new NotFoundError('machine');
  return machine;
}
