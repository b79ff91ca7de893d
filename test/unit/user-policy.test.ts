import assert from 'node:assert/strict';
import { authorizeUser, canManageUser, canSeeUser } from '@remotegpu/control/policies/user';
import type { Role } from '@remotegpu/control/models';

const user = (id: number, role: Role, tenant_id: number | null = role === 'admin' ? null : 1) => ({ id, role, tenant_id });

describe('control: user policy', () => {
  const admin = user(1, 'admin');
  const otherAdmin = user(2, 'admin');
  const owner = user(10, 'customer_owner', 1);
  const member = user(11, 'customer_member', 1);
  const foreignOwner = user(20, 'customer_owner', 2);
  const foreignMember = user(21, 'customer_member', 2);

  it('lets an admin manage customer accounts of any tenant', () => {
    for (const action of ['read', 'disable', 'enable', 'reset_password'] as const) {
      for (const target of [owner, foreignOwner, member, foreignMember]) assert.equal(canManageUser(admin, action, target), true);
    }
  });

  it('keeps admins from managing other admins', () => {
    assert.equal(canSeeUser(admin, otherAdmin), false);
    assert.throws(() => authorizeUser(admin, 'disable', otherAdmin), (e: any) => e.code === 3002);
  });

  it('lets an owner manage only the members of its own tenant', () => {
    assert.equal(canManageUser(owner, 'disable', member), true);
    assert.equal(canSeeUser(owner, foreignMember), false);
    assert.equal(canSeeUser(owner, foreignOwner), false);
    assert.equal(canSeeUser(owner, admin), false);
    assert.equal(canSeeUser(member, owner), false);
  });

  it('never lets anyone disable, enable or reset their own account, though they see it', () => {
    for (const self of [admin, owner, member]) {
      assert.equal(canManageUser(self, 'read', self), true);
      for (const action of ['disable', 'enable', 'reset_password'] as const) assert.equal(canManageUser(self, action, self), false);
    }
    assert.throws(() => authorizeUser(admin, 'disable', admin), (e: any) => e.code === 3001 && e.status === 403 && /own account/.test(e.message));
  });

  it('answers another tenant\'s user exactly like a missing one', () => {
    assert.throws(() => authorizeUser(owner, 'read', foreignMember, 'user'), (e: any) => e.code === 3002 && e.message === 'user not found');
    assert.doesNotThrow(() => authorizeUser(owner, 'reset_password', member));
  });
});
