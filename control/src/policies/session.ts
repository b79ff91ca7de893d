import { NotFoundError } from '../errors';
import type { AccessSession, User } from '../models';

// A session's recording has the same authorization as the session's machine was
// given: admins all; an owner the sessions of their tenant; a member their own.
export function authorizeSession(user: User, session: AccessSession | null): AccessSession {
  const ok = session && (user.role === 'admin'
    || (user.role === 'customer_owner' && user.tenant_id !== null && session.tenant_id === user.tenant_id)
    || (user.role === 'customer_member' && session.user_id === user.id));
  if (!ok) throw new NotFoundError('session');
  return session;
}
