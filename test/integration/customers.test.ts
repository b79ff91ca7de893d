import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Api } from '../helpers/api';
import { buildMachine, loginAs, PASSWORD } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';
import { Tenant } from '@remotegpu/control/models';

const BASE = '/api/v1/admin/customers';
const tag = () => randomBytes(4).toString('hex');

describe('admin customers', () => {
  let stack: Stack;
  let anon: Api;
  let admin: Api;
  let adminId: number;
  let owner: Api;

  // A fresh customer through the API, with a unique username and company code.
  const create = async (o: Record<string, unknown> = {}) => {
    const t = tag();
    const r = await admin.post(BASE, { username: `cus${t}`, company_code: `CO${t}`, email: `c${t}@example.com`, password: PASSWORD, ...o });
    assert.equal(r.code, 0, r.msg);
    return r.data;
  };

  before(async () => {
    stack = await startStack();
    anon = new Api(stack.controlUrl);
    const a = await loginAs(stack, { role: 'admin' });
    admin = a.api;
    adminId = a.user.id;
    owner = (await loginAs(stack, { role: 'customer_owner' })).api;
  });
  after(async () => { await stack?.close(); });

  describe('create', () => {
    it('creates the tenant and its owner, who must change the default password first', async () => {
      const t = tag();
      const r = await admin.post(BASE, { username: `Alice${t}`, company_code: `ACME-${t}`, email: `alice${t}@example.com`, phone: '+86 138-0000-0000' });
      assert.equal(r.code, 0, r.msg);
      assert.equal(r.status, 201);
      const c = r.data;
      assert.equal(c.username, `Alice${t}`);
      assert.equal(c.company_code, `ACME-${t}`);
      assert.equal(c.role, 'customer_owner');
      assert.equal(c.status, 'active');
      assert.equal(c.must_change_password, true);
      assert.equal(c.machine_count, 0);
      assert.equal(c.phone, '+86 138-0000-0000');
      assert.equal(c.last_login_at, null);
      assert.ok(!('password_hash' in c) && !('password' in c));
      assert.equal((await Tenant.findByPk(c.tenant_id))?.company_code, `ACME-${t}`);

      const login = await anon.post('/api/v1/auth/login', { username: c.username, password: 'ChangeME_123' });
      assert.equal(login.code, 0);
      assert.equal(login.data.user.must_change_password, true);
      assert.equal(login.data.user.tenant_id, c.tenant_id);
      const blocked = await anon.as(login.data.access_token).get(BASE);
      assert.deepEqual([blocked.status, blocked.code], [403, 1006]);
    });

    it('forces a change even when the admin chose the password', async () => {
      const c = await create({ password: 'Chosen_pass1' });
      const login = await anon.post('/api/v1/auth/login', { username: c.username, password: 'Chosen_pass1' });
      assert.equal(login.data.user.must_change_password, true);
    });

    it('rejects bad input naming the field', async () => {
      const t = tag();
      const good = { username: `bob${t}`, company_code: `B${t}`, email: `b${t}@example.com` };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...good, username: '1bob' }, 'username'],
        [{ ...good, username: 'ab' }, 'username'],
        [{ ...good, username: 'x'.repeat(33) }, 'username'],
        [{ ...good, username: 'bob smith' }, 'username'],
        [{ ...good, company_code: '-co' }, 'company_code'],
        [{ ...good, company_code: 'c' }, 'company_code'],
        [{ ...good, email: 'not-an-email' }, 'email'],
        [{ ...good, phone: 'call me' }, 'phone'],
        [{ ...good, password: 'short1' }, 'password'],
        [{ ...good, password: 'lettersonly' }, 'password'],
        [{ ...good, role: 'admin' }, 'role'],
        [{ username: good.username, company_code: good.company_code }, 'email'],
      ];
      for (const [body, field] of cases) {
        const r = await admin.post(BASE, body);
        assert.deepEqual([r.status, r.code], [422, 2001], `${JSON.stringify(body)} -> ${r.msg}`);
        assert.match(r.msg, new RegExp(field), `${JSON.stringify(body)} -> ${r.msg}`);
      }
      // nothing half-made: the first good create still works
      assert.equal((await admin.post(BASE, good)).code, 0);
    });

    it('answers 409 naming the duplicate username or company code, case-insensitively', async () => {
      const c = await create();
      const t = tag();
      const dupUser = await admin.post(BASE, { username: c.username.toUpperCase(), company_code: `N${t}`, email: `n${t}@example.com` });
      assert.deepEqual([dupUser.status, dupUser.code], [409, 4001]);
      assert.match(dupUser.msg, /username/);
      const dupCode = await admin.post(BASE, { username: `new${t}`, company_code: c.company_code.toLowerCase(), email: `n${t}@example.com` });
      assert.deepEqual([dupCode.status, dupCode.code], [409, 4001]);
      assert.match(dupCode.msg, /company code/);
      // the failed create left no tenant behind
      assert.equal(await Tenant.count({ where: { company_code: `N${t}` } }), 0);
    });

    it('needs a token and the admin role', async () => {
      const body = { username: `x${tag()}`, company_code: `X${tag()}`, email: 'x@example.com' };
      const none = await anon.post(BASE, body);
      assert.deepEqual([none.status, none.code], [401, 1007]);
      const wrong = await owner.post(BASE, body);
      assert.deepEqual([wrong.status, wrong.code], [403, 3001]);
    });
  });

  describe('list', () => {
    it('pages newest first with a running index, filters by keyword and counts machines', async () => {
      const t = tag();
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await create({ username: `lst${t}n${i}`, company_code: `LC${t}${i}` }));
      await buildMachine(stack, { tenant_id: made[4].tenant_id });
      await buildMachine(stack, { tenant_id: made[4].tenant_id });

      const p1 = await admin.get(`${BASE}?keyword=lst${t}&page_size=2`);
      assert.equal(p1.code, 0);
      assert.deepEqual([p1.data.total, p1.data.page, p1.data.page_size], [5, 1, 2]);
      assert.deepEqual(p1.data.items.map((c: any) => c.username), [`lst${t}n4`, `lst${t}n3`]);
      assert.deepEqual(p1.data.items.map((c: any) => c.index), [1, 2]);
      assert.equal(p1.data.items[0].machine_count, 2);
      assert.equal(p1.data.items[1].machine_count, 0);
      assert.equal(p1.data.items[0].company_code, `LC${t}4`);
      assert.deepEqual(Object.keys(p1.data.items[0]).sort(), ['company_code', 'created_at', 'email', 'id', 'index', 'last_login_at',
        'machine_count', 'must_change_password', 'phone', 'role', 'status', 'tenant_id', 'username']);

      const p3 = await admin.get(`${BASE}?keyword=LST${t}&page=3&page_size=2`);
      assert.deepEqual(p3.data.items.map((c: any) => [c.index, c.username]), [[5, `lst${t}n0`]]);
      const beyond = await admin.get(`${BASE}?keyword=lst${t}&page=9&page_size=2`);
      assert.deepEqual([beyond.data.items.length, beyond.data.total], [0, 5]);
    });

    it('matches the keyword on email, phone and company code, with wildcards taken literally', async () => {
      const t = tag();
      const c = await create({ username: `kw${t}_a`, email: `Mail${t}@Example.com`, phone: `+1 555 ${t.replace(/\D/g, '1').slice(0, 6)}`, company_code: `KWCO${t}` });
      await create({ username: `kw${t}Xa` });
      const ids = async (kw: string) => (await admin.get(`${BASE}?keyword=${encodeURIComponent(kw)}`)).data.items.map((x: any) => x.id);
      assert.deepEqual(await ids(`mail${t}@example`), [c.id]);
      assert.deepEqual(await ids(c.phone), [c.id]);
      assert.deepEqual(await ids(`kwco${t}`), [c.id]);
      assert.deepEqual(await ids(`kw${t}_a`), [c.id]); // "_" must not match the X
      assert.deepEqual(await ids(`%${t}`), []);
      // only owners are customers: the admin never shows up
      const all = await admin.get(`${BASE}?page_size=100`);
      assert.ok(all.data.items.every((x: any) => x.role === 'customer_owner'));
      assert.ok(!all.data.items.some((x: any) => x.id === adminId));
    });

    it('rejects bad query parameters and wrong callers', async () => {
      for (const q of ['page=0', 'page_size=101', 'page=abc', 'page_size=0', 'sort=name', 'page=1&page=2']) {
        const r = await admin.get(`${BASE}?${q}`);
        assert.deepEqual([r.status, r.code], [422, 2001], q);
      }
      assert.match((await admin.get(`${BASE}?page_size=101`)).msg, /page_size/);
      assert.match((await admin.get(`${BASE}?sort=name`)).msg, /sort/);
      assert.equal((await anon.get(BASE)).code, 1007);
      const wrong = await owner.get(BASE);
      assert.deepEqual([wrong.status, wrong.code], [403, 3001]);
      const dflt = await admin.get(BASE);
      assert.deepEqual([dflt.data.page, dflt.data.page_size], [1, 20]);
    });
  });

  describe('show', () => {
    it('answers one customer, 404 for anything that is not a customer', async () => {
      const c = await create();
      const r = await admin.get(`${BASE}/${c.id}`);
      assert.equal(r.code, 0);
      assert.equal(r.data.username, c.username);
      assert.equal(r.data.machine_count, 0);
      for (const id of [adminId, 2147483647, 99999999999, 'abc', '1.5', '-1', '0']) {
        const miss = await admin.get(`${BASE}/${id}`);
        assert.deepEqual([miss.status, miss.code], [404, 3002], String(id));
      }
      assert.equal((await anon.get(`${BASE}/${c.id}`)).code, 1007);
      assert.equal((await owner.get(`${BASE}/${c.id}`)).code, 3001);
    });
  });

  describe('disable and enable', () => {
    it('stops the login and the live token at once, and enable restores both', async () => {
      const c = await create();
      const cust = await anon.login(c.username, PASSWORD);
      assert.equal((await cust.get('/api/v1/auth/me')).code, 0);

      const d = await admin.post(`${BASE}/${c.id}/disable`);
      assert.equal(d.code, 0, d.msg);
      assert.equal(d.data.status, 'disabled');
      assert.equal((await Tenant.findByPk(c.tenant_id))?.status, 'disabled');
      const live = await cust.get('/api/v1/auth/me');
      assert.deepEqual([live.status, live.code], [403, 1003]);
      const login = await anon.post('/api/v1/auth/login', { username: c.username, password: PASSWORD });
      assert.deepEqual([login.status, login.code], [403, 1003]);
      // a second click changes nothing and still answers the state
      assert.equal((await admin.post(`${BASE}/${c.id}/disable`)).data.status, 'disabled');
      assert.equal((await admin.get(`${BASE}/${c.id}`)).data.status, 'disabled');

      const e = await admin.post(`${BASE}/${c.id}/enable`);
      assert.equal(e.data.status, 'active');
      assert.equal((await Tenant.findByPk(c.tenant_id))?.status, 'active');
      assert.equal((await cust.get('/api/v1/auth/me')).code, 0);
      assert.equal((await anon.post('/api/v1/auth/login', { username: c.username, password: PASSWORD })).code, 0);
    });

    it('refuses wrong callers, bodies and ids; an admin cannot reach their own account', async () => {
      const c = await create();
      for (const action of ['disable', 'enable']) {
        assert.equal((await anon.post(`${BASE}/${c.id}/${action}`)).code, 1007);
        assert.equal((await owner.post(`${BASE}/${c.id}/${action}`)).code, 3001);
        const extra = await admin.post(`${BASE}/${c.id}/${action}`, { reason: 'x' });
        assert.deepEqual([extra.status, extra.code], [422, 2001]);
        assert.match(extra.msg, /reason/);
        for (const id of [adminId, 2147483647, 'abc']) {
          const r = await admin.post(`${BASE}/${id}/${action}`);
          assert.deepEqual([r.status, r.code], [404, 3002], `${action} ${id}`);
        }
      }
    });
  });

  describe('reset-password', () => {
    it('generates a strong password once; the old one stops working and the new one must be changed', async () => {
      const c = await create();
      const before = await anon.post('/api/v1/auth/login', { username: c.username, password: PASSWORD });
      const r = await admin.post(`${BASE}/${c.id}/reset-password`);
      assert.equal(r.code, 0, r.msg);
      // whoever was logged in with the old password is out, access and refresh alike
      assert.equal((await anon.as(before.data.access_token).get('/api/v1/auth/me')).code, 1005);
      assert.equal((await anon.post('/api/v1/auth/refresh', { refresh_token: before.data.refresh_token })).code, 1005);
      const pw: string = r.data.password;
      assert.match(pw, /^[A-Za-z0-9]{12,}$/);
      assert.match(pw, /[A-Za-z]/);
      assert.match(pw, /[0-9]/);
      const old = await anon.post('/api/v1/auth/login', { username: c.username, password: PASSWORD });
      assert.deepEqual([old.status, old.code], [401, 1001]);
      const fresh = await anon.post('/api/v1/auth/login', { username: c.username, password: pw });
      assert.equal(fresh.code, 0);
      assert.equal(fresh.data.user.must_change_password, true);
      // two resets never hand out the same password
      assert.notEqual((await admin.post(`${BASE}/${c.id}/reset-password`)).data.password, pw);
    });

    it('sets the chosen password and lifts a failed-login lock-out', async () => {
      const c = await create();
      for (let i = 0; i < 5; i++) await anon.post('/api/v1/auth/login', { username: c.username, password: `bad${i}xxxx` });
      assert.equal((await anon.post('/api/v1/auth/login', { username: c.username, password: PASSWORD })).code, 4291);
      const r = await admin.post(`${BASE}/${c.id}/reset-password`, { password: 'Given_pass9' });
      assert.deepEqual(r.data, { password: 'Given_pass9' });
      const login = await anon.post('/api/v1/auth/login', { username: c.username, password: 'Given_pass9' });
      assert.equal(login.code, 0, login.msg);
      assert.equal(login.data.user.must_change_password, true);
    });

    it('refuses weak passwords, unknown fields, wrong callers and missing customers', async () => {
      const c = await create();
      const weak = await admin.post(`${BASE}/${c.id}/reset-password`, { password: 'abc' });
      assert.deepEqual([weak.status, weak.code], [422, 2001]);
      assert.match(weak.msg, /password/);
      const extra = await admin.post(`${BASE}/${c.id}/reset-password`, { pasword: 'Typo_pass1' });
      assert.match(extra.msg, /pasword/);
      assert.equal((await anon.post(`${BASE}/${c.id}/reset-password`)).code, 1007);
      assert.equal((await owner.post(`${BASE}/${c.id}/reset-password`)).code, 3001);
      assert.equal((await admin.post(`${BASE}/${adminId}/reset-password`)).code, 3002);
      assert.equal((await admin.post(`${BASE}/nope/reset-password`)).code, 3002);
      // nothing changed for the refused requests
      assert.equal((await anon.post('/api/v1/auth/login', { username: c.username, password: PASSWORD })).code, 0);
    });
  });
});
