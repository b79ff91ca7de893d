import assert from 'node:assert/strict';
import { Api } from '../helpers/api';
import { buildUser, loginAs, PASSWORD } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';
import { AuditLog, User } from '@remotegpu/control/models';

describe('auth', () => {
  let stack: Stack;
  let api: Api;
  before(async () => { stack = await startStack(); api = new Api(stack.controlUrl); });
  after(async () => { await stack?.close(); });

  it('seeds admin with the default password and forces a change before anything else', async () => {
    const r = await api.post('/api/v1/auth/login', { username: 'admin', password: 'ChangeME_123' });
    assert.equal(r.code, 0);
    assert.equal(r.data.user.must_change_password, true);
    assert.equal(r.data.expires_in, 900);
    const admin = api.as(r.data.access_token);
    const blocked = await admin.get('/api/v1/admin/customers');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.code, 1006);
    assert.equal((await admin.get('/api/v1/auth/me')).data.username, 'admin');
    const weak = await admin.post('/api/v1/auth/change-password', { old_password: 'ChangeME_123', new_password: 'short' });
    assert.equal(weak.code, 2001);
    const changed = await admin.post('/api/v1/auth/change-password', { old_password: 'ChangeME_123', new_password: 'N3wAdminPass' });
    assert.equal(changed.code, 0);
    assert.equal(changed.data.user.must_change_password, false);
    // the token used for the change is dead; the new one works
    assert.equal((await admin.get('/api/v1/auth/me')).code, 1005);
    assert.equal((await api.as(changed.data.access_token).get('/api/v1/auth/me')).code, 0);
  });

  it('answers unknown user, wrong password and disabled account distinctly', async () => {
    const u = await buildUser({ role: 'customer_owner' });
    const unknown = await api.post('/api/v1/auth/login', { username: 'nobody-here', password: 'x' });
    assert.deepEqual([unknown.status, unknown.code], [401, 1002]);
    const wrong = await api.post('/api/v1/auth/login', { username: u.username, password: 'wrong1234' });
    assert.deepEqual([wrong.status, wrong.code], [401, 1001]);
    await u.update({ status: 'disabled' });
    const disabled = await api.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    assert.deepEqual([disabled.status, disabled.code], [403, 1003]);
    const failures = await AuditLog.count({ where: { action: 'login_failed' } });
    assert.ok(failures >= 3);
  });

  it('throttles repeated failures on one account', async () => {
    const u = await buildUser({ role: 'admin' });
    for (let i = 0; i < 5; i++) await api.post('/api/v1/auth/login', { username: u.username, password: 'bad' + i + 'xxxx' });
    const r = await api.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    assert.equal(r.status, 429);
    assert.equal(r.code, 4291);
    assert.ok(Number(r.headers.get('retry-after')) > 0);
  });

  it('rotates refresh tokens and revokes the family on reuse', async () => {
    const u = await buildUser({ role: 'admin' });
    const first = await api.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    const second = await api.post('/api/v1/auth/refresh', { refresh_token: first.data.refresh_token });
    assert.equal(second.code, 0);
    assert.notEqual(second.data.refresh_token, first.data.refresh_token);
    const reuse = await api.post('/api/v1/auth/refresh', { refresh_token: first.data.refresh_token });
    assert.equal(reuse.code, 1005);
    // the whole family is gone: the newer refresh and access token die too
    assert.equal((await api.post('/api/v1/auth/refresh', { refresh_token: second.data.refresh_token })).code, 1005);
    assert.equal((await api.as(second.data.access_token).get('/api/v1/auth/me')).code, 1005);
  });

  it('changing the password ends every other login of the account', async () => {
    const u = await buildUser({ role: 'customer_owner' });
    const phone = await api.login(u.username, PASSWORD);
    const laptop = await api.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    const changed = await api.as(laptop.data.access_token).post('/api/v1/auth/change-password',
      { old_password: PASSWORD, new_password: 'Another1pass' });
    assert.equal(changed.code, 0);
    assert.equal((await phone.get('/api/v1/auth/me')).code, 1005, 'the other device is logged out');
    assert.equal((await api.post('/api/v1/auth/refresh', { refresh_token: laptop.data.refresh_token })).code, 1005);
    const fresh = api.as(changed.data.access_token);
    assert.equal((await fresh.get('/api/v1/auth/me')).code, 0, 'the pair handed back by the change works');
    assert.equal((await api.post('/api/v1/auth/refresh', { refresh_token: changed.data.refresh_token })).code, 0);
  });

  it('logout revokes the access token at once', async () => {
    const { api: user } = await loginAs(stack, { role: 'admin' });
    assert.equal((await user.post('/api/v1/auth/logout')).code, 0);
    const after = await user.get('/api/v1/auth/me');
    assert.deepEqual([after.status, after.code], [401, 1005]);
  });

  it('re-checks the account status on every request', async () => {
    const { user, api: client } = await loginAs(stack, { role: 'customer_owner' });
    assert.equal((await client.get('/api/v1/auth/me')).code, 0);
    await User.update({ status: 'disabled' }, { where: { id: user.id } });
    assert.equal((await client.get('/api/v1/auth/me')).code, 1003);
  });

  it('rejects bad input, unknown fields and missing tokens in the envelope', async () => {
    const extra = await api.post('/api/v1/auth/login', { username: 'a', password: 'b', admin: true });
    assert.deepEqual([extra.status, extra.code], [422, 2001]);
    const none = await api.as(null).get('/api/v1/auth/me');
    assert.deepEqual([none.status, none.code], [401, 1007]);
    const garbage = await api.as('not.a.jwt').get('/api/v1/auth/me');
    assert.equal(garbage.code, 1008);
    const bad = await fetch(stack.controlUrl + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).code, 2002);
  });

  it('answers health, readiness and metrics', async () => {
    assert.equal((await api.get('/healthz')).code, 0);
    assert.equal((await api.get('/readyz')).data.database, 'ok');
    await api.post('/api/v1/auth/login', { username: 'nobody-for-metrics', password: 'x' });
    await api.as(null).get('/api/v1/auth/me');
    const m = await fetch(stack.controlUrl + '/metrics');
    const text = await m.text();
    assert.match(text, /remotegpu_control_process_cpu/);
    // requests are counted by route pattern, with their outcome
    assert.match(text, /remotegpu_control_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="401"\} [1-9]/);
    assert.match(text, /remotegpu_control_http_request_seconds_count\{method="GET",route="\/api\/v1\/auth\/me"\}/);
  });
});
