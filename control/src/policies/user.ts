import { ForbiddenError, NotFoundError } from '../errors';
import type { User } from '../models';

// Who may manage which account. Admins manage customer accounts (owners and members) of
// any tenant, never other admins; an owner manages the members of its own tenant.
// Nobody disables, enables or resets their own account: a slip would lock the only
// operator out, and one's own password goes through change-password.
export type UserAction = 'read' | 'disable' | 'enable' | 'reset_password';

const SELF_FORBIDDEN: ReadonlySet<UserAction> = new Set(['disable', 'enable', 'reset_password']);

type Actor = Pick<User, 'id' | 'role' | 'tenant_id'>;
type Target = Pick<User, 'id' | 'role' | 'tenant_id'>;

// Whether the actor can see the target at all; an unseen target answers 404, like a missing one.
export function canSeeUser(actor: Actor, target: Target): boolean {
  if (actor.id === target.id) return true;
  if (actor.role === 'admin') return target.role !== 'admin';
  if (actor.role === 'customer_owner') {
    // Tenant first: another tenant's account does not exist for this actor.
    return actor.tenant_id !== null && target.tenant_id === actor.tenant_id && target.role === 'customer_member';
  }
  return false;
}

export function canManageUser(actor: Actor, action: UserAction, target: Target): boolean {
  if (!canSeeUser(actor, target)) return false;
  return !(actor.id === target.id && SELF_FORBIDDEN.has(action));
}

// Throws rather than returns, so a forgotten check cannot fall through to the action.
export function authorizeUser(actor: Actor, action: UserAction, target: Target, what = 'user'): void {
  if (!canSeeUser(actor, target)) throw new NotFoundError(what);
  if (!canManageUser(actor, action, target)) throw new ForbiddenError(`you cannot ${action.replace('_', ' ')} your own account`);
}
