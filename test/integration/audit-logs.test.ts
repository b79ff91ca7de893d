import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Api } from '../helpers/api';
import { loginAs } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';
import { AuditLog } from '@remotegpu/control/models';

const BASE = '/api/v1/admin/audit-logs';
const tag = () => randomBytes(4).toString('hex');

// A strict RFC 4180 reader, so the test checks the export the way a spreadsheet reads it.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

async function exportCsv(stack: Stack, token: string | null, query = '') {
  const res = await fetch(`${stack.controlUrl}${BASE}/export${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { res, text: await res.text() };
}

describe('admin audit logs', () => {
  let stack: Stack;
  let anon: Api;
  let admin: Api;
  let adminUser: { id: number; username: string };
  let owner: Api;
  let customer: any;
  let newPassword: string;
  const started = new Date(Date.now() - 1000).toISOString();

  before(async () => {
    stack = await startStack();
    anon = new Api(stack.controlUrl);
    const a = await loginAs(stack, { role: 'admin' });
    admin = a.api;
    adminUser = a.user;
    owner = (await loginAs(stack, { role: 'customer_owner' })).api;
    // The actions under audit, done once through the API.
    const t = tag();
    customer = (await admin.post('/api/v1/admin/customers', { username: `aud${t}`, company_code: `AUD${t}`, email: `a${t}@example.com` })).data;
    await admin.post(`/api/v1/admin/customers/${customer.id}/disable`);
    await admin.post(`/api/v1/admin/customers/${customer.id}/enable`);
    newPassword = (await admin.post(`/api/v1/admin/customers/${customer.id}/reset-password`)).data.password;
  });
  after(async () => { await stack?.close(); });

  it('records every customer action with actor, tenant and resource, newest first', async () => {
    const r = await admin.get(`${BASE}?username=${adminUser.username}`);
    assert.equal(r.code, 0, r.msg);
    assert.deepEqual(r.data.items.map((i: any) => i.action), ['reset_password', 'enable_user', 'disable_user', 'create_user', 'login']);
    assert.deepEqual([r.data.total, r.data.page, r.data.page_size], [5, 1, 20]);
    for (const item of r.data.items.slice(0, 4)) {
      assert.equal(item.actor_id, adminUser.id);
      assert.equal(item.actor_username, adminUser.username);
      assert.equal(item.tenant_id, customer.tenant_id);
      assert.equal(item.resource_type, 'user');
      assert.equal(item.resource_id, String(customer.id));
      assert.equal(item.details.username, customer.username);
      assert.ok(item.ip);
      assert.equal(new Date(item.created_at).toISOString(), item.created_at);
    }
    assert.deepEqual(Object.keys(r.data.items[0]).sort(), ['action', 'actor_id', 'actor_username', 'created_at', 'details', 'id',
      'ip', 'resource_id', 'resource_type', 'tenant_id']);
    assert.equal(r.data.items[3].details.company_code, customer.company_code);
    assert.equal(r.data.items[0].details.generated, true);
    // The password handed out never reaches the audit trail.
    const everything = JSON.stringify(await AuditLog.findAll());
    assert.ok(!everything.includes(newPassword));
    assert.ok(!everything.includes('ChangeME_123'));
  });

  it('filters by action, resource type, username and time, and pages', async () => {
    const byAction = await admin.get(`${BASE}?action=create_user&username=${adminUser.username.toUpperCase()}`);
    assert.deepEqual(byAction.data.items.map((i: any) => i.resource_id), [String(customer.id)]);
    const byType = await admin.get(`${BASE}?resource_type=user&action=disable_user`);
    assert.ok(byType.data.items.length >= 1 && byType.data.items.every((i: any) => i.action === 'disable_user'));
    const none = await admin.get(`${BASE}?resource_type=machine&username=${adminUser.username}`);
    assert.equal(none.data.total, 0);

    const future = new Date(Date.now() + 3600_000).toISOString();
    assert.equal((await admin.get(`${BASE}?username=${adminUser.username}&from=${future}`)).data.total, 0);
    assert.equal((await admin.get(`${BASE}?username=${adminUser.username}&to=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`)).data.total, 0);
    assert.equal((await admin.get(`${BASE}?username=${adminUser.username}&from=${started}&to=${future}`)).data.total, 5);

    const p2 = await admin.get(`${BASE}?username=${adminUser.username}&page=2&page_size=2`);
    assert.deepEqual(p2.data.items.map((i: any) => i.action), ['disable_user', 'create_user']);
    assert.deepEqual([p2.data.total, p2.data.page, p2.data.page_size], [5, 2, 2]);
  });

  it('finds failed logins, which have no actor, by the username that was tried', async () => {
    const who = `ghost${tag()}`;
    await anon.post('/api/v1/auth/login', { username: who, password: 'wrong-pass-1' });
    const r = await admin.get(`${BASE}?username=${who.toUpperCase()}`);
    assert.equal(r.data.total, 1);
    assert.equal(r.data.items[0].action, 'login_failed');
    assert.equal(r.data.items[0].actor_id, null);
    // a prefix is not the name: no partial matches
    assert.equal((await admin.get(`${BASE}?username=${who.slice(0, -1)}`)).data.total, 0);
  });

  it('rejects bad filters naming the parameter, and wrong callers', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', 'from'], ['to=2024-01-01', 'to'], ['from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z', 'from'],
      ['page=0', 'page'], ['page_size=101', 'page_size'], ['user=admin', 'user'], ['action=', 'action'],
    ];
    for (const [q, field] of cases) {
      const r = await admin.get(`${BASE}?${q}`);
      assert.deepEqual([r.status, r.code], [422, 2001], q);
      assert.match(r.msg, new RegExp(field), `${q} -> ${r.msg}`);
      const e = await admin.get(`${BASE}/export?${q.replace(/&?page(_size)?=\d+/, 'bogus=1')}`);
      assert.deepEqual([e.status, e.code], [422, 2001], `export ${q}`);
    }
    const none = await anon.get(BASE);
    assert.deepEqual([none.status, none.code], [401, 1007]);
    const wrong = await owner.get(BASE);
    assert.deepEqual([wrong.status, wrong.code], [403, 3001]);
    assert.equal((await anon.get(`${BASE}/export`)).code, 1007);
    assert.equal((await owner.get(`${BASE}/export`)).code, 3001);
  });

  it('exports the filtered rows as CSV, escaped, and records the export', async () => {
    // A tried username with a quote and a comma lands in details: the CSV must survive it.
    await anon.post('/api/v1/auth/login', { username: 'ev"il,name', password: 'wrong-pass-1' });
    const { res, text } = await exportCsv(stack, admin.token);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="audit-logs-[0-9TZ-]+\.csv"$/);
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    assert.deepEqual(rows[0], ['id', 'created_at', 'actor_id', 'actor_username', 'tenant_id', 'action', 'resource_type', 'resource_id', 'ip', 'details']);
    assert.equal(rows.length - 1, Number(res.headers.get('x-total-count')));
    // the same rows as the list, which now also holds the export's own record on top
    const list = await admin.get(`${BASE}?page_size=100`);
    assert.equal(list.data.items[0].action, 'export_audit_logs');
    assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), list.data.items.slice(1).map((i: any) => i.id));
    const evil = rows.find((r) => r[5] === 'login_failed' && r[9].includes('ev'));
    assert.ok(evil);
    assert.equal(JSON.parse(evil[9]).username, 'ev"il,name');
    assert.ok(text.includes('""ev\\""il,name""'), 'quotes are doubled inside a quoted field');

    const filtered = parseCsv((await exportCsv(stack, admin.token, `?username=${adminUser.username}&action=create_user`)).text.slice(1));
    assert.equal(filtered.length, 2);
    assert.deepEqual([filtered[1][3], filtered[1][5], filtered[1][7]], [adminUser.username, 'create_user', String(customer.id)]);

    const logged = await admin.get(`${BASE}?action=export_audit_logs`);
    assert.equal(logged.data.total, 2);
    assert.equal(logged.data.items[0].details.filters.action, 'create_user');
    assert.equal(logged.data.items[0].details.rows, 1);
  });

  it('caps the export at 10000 rows, newest first, and says how many matched', async () => {
    const action = `bulk_${tag()}`;
    await AuditLog.bulkCreate(Array.from({ length: 10_003 }, (_, i) => ({ actor_id: null, actor_username: null, tenant_id: null,
      action, resource_type: 'test', resource_id: String(i), ip: null, details: { i } })));
    const { res, text } = await exportCsv(stack, admin.token, `?action=${action}`);
    assert.equal(res.headers.get('x-total-count'), '10003');
    const rows = parseCsv(text.slice(1)).slice(1);
    assert.equal(rows.length, 10_000);
    assert.equal(rows[0][7], '10002');
    assert.ok(Number(rows[0][0]) > Number(rows[9999][0]));
  });
});
