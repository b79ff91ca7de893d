import type { Logger } from '@remotegpu/common/logger';
import { DEFAULT_PASSWORD, hashPassword } from './passwords';
import { User } from '../models';

// First start with no users: an admin who must change the password at first login.
export async function seedAdmin(password: string | undefined, logger: Logger): Promise<void> {
  if ((await User.count()) > 0) return;
  await User.create({ username: 'admin', email: null, phone: null, password_hash: await hashPassword(password ?? DEFAULT_PASSWORD),
    role: 'admin', tenant_id: null, must_change_password: true, password_changed_at: null, last_login_at: null });
  logger.warn('created user "admin" with the initial password; it must be changed at first login');
}
