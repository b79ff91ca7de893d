import assert from 'node:assert/strict';
import { expireAllocations } from '@remotegpu/control/commands/allocationExpirer';
import { Allocation, AuditLog, Machine } from '@remotegpu/control/models';
import type { Api } from '../helpers/api';
import { buildMachine, buildTenant, loginAs } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('machines and allocations', () => {
  let stack: Stack;
  let admin: Api;
  before(async () => {
    stack = await startStack();
    admin = (await loginAs(stack, { role: 'admin' })).api;
  });
  after(async () => { await stack?.close(); });

  it('adds a machine with its SSH login sealed at rest and never sent back', async () => {
    const r = await admin.post('/api/v1/admin/machines', { name: 'gpu-a1', region: 'cn-east', host: '10.0.0.5', ssh_port: 2222,
      ssh_username: 'ubuntu', ssh_password: 'TopSecret99' });
    assert.equal(r.status, 201);
    assert.equal(r.data.status, 'offline');
    assert.equal(r.data.auth_type, 'password');
    assert.ok(!JSON.stringify(r.data).includes('TopSecret99'));
    assert.ok(!('ssh_secret_enc' in r.data));
    const row = await Machine.findByPk(r.data.id);
    assert.ok(row && !row.ssh_secret_enc.includes('TopSecret99') && row.ssh_secret_enc.length > 30);
    const listed = await admin.get('/api/v1/admin/machines?keyword=a1');
    assert.equal(listed.data.total, 1);
    assert.ok(!JSON.stringify(listed.data).includes('TopSecret99'));
    const withKey = await admin.post('/api/v1/admin/machines', { name: 'gpu-k1', region: 'cn-east', host: 'gpu-k1.example.com',
      ssh_username: 'root', ssh_private_key: KEY });
    assert.equal(withKey.data.auth_type, 'key');
    assert.equal(withKey.data.ssh_port, 22);
    assert.ok(await AuditLog.findOne({ where: { action: 'create_machine', resource_id: String(r.data.id) } }));
  });

  it('imports a JSON batch with a result per row, keeping the good rows when others fail', async () => {
    const taken = await buildMachine(stack);
    const r = await admin.post('/api/v1/admin/machines/import', { machines: [
      { name: 'imp-1', region: 'cn-east', host: '10.0.1.1', ssh_username: 'ubuntu', ssh_password: 'Pw1-secret' },
      { name: 'imp-2', region: 'cn-east', host: 'bad host', ssh_username: 'ubuntu', ssh_password: 'x' },
      { name: taken.name, region: 'cn-east', host: '10.0.1.3', ssh_username: 'ubuntu', ssh_password: 'x' },
      { name: 'imp-4', region: 'cn-east', host: '10.0.1.4', ssh_port: 2200, ssh_username: 'root', ssh_private_key: KEY },
    ] });
    assert.equal(r.code, 0, r.msg);
    assert.deepEqual([r.data.created, r.data.failed], [2, 2]);
    assert.deepEqual(r.data.items.map((x: { ok: boolean }) => x.ok), [true, false, false, true]);
    assert.match(r.data.items[1].error, /host/);
    assert.match(r.data.items[2].error, /already exists/);
    assert.ok(!JSON.stringify(r.data).includes('Pw1-secret'));
    const listed = await admin.get('/api/v1/admin/machines?keyword=imp-');
    assert.deepEqual(listed.data.items.map((m: { name: string }) => m.name).sort(), ['imp-1', 'imp-4']);
    assert.equal(await AuditLog.count({ where: { action: 'create_machine', resource_id: String(r.data.items[0].id) } }), 1);
    assert.equal((await admin.post('/api/v1/admin/machines/import', { machines: [] })).code, 2001);
    assert.equal((await admin.post('/api/v1/admin/machines/import', { machines: Array(101).fill({}) })).code, 2001);
  });

  it('refuses bad input and duplicates', async () => {
    const bad = await admin.post('/api/v1/admin/machines', { name: 'x;rm -rf', region: 'r', host: 'h', ssh_username: 'u', ssh_password: 'p' });
    assert.deepEqual([bad.status, bad.code], [422, 2001]);
    assert.match(bad.msg, /name/);
    const both = await admin.post('/api/v1/admin/machines', { name: 'gpu-b', region: 'r', host: 'h', ssh_username: 'u', ssh_password: 'p', ssh_private_key: KEY });
    assert.equal(both.code, 2001);
    const host = await admin.post('/api/v1/admin/machines', { name: 'gpu-c', region: 'r', host: 'bad host!', ssh_username: 'u', ssh_password: 'p' });
    assert.match(host.msg, /host/);
    const m = await buildMachine(stack);
    const dup = await admin.post('/api/v1/admin/machines', { name: m.name, region: 'r', host: 'h', ssh_username: 'u', ssh_password: 'p' });
    assert.deepEqual([dup.status, dup.code], [409, 4001]);
  });

  it('moves status as DESIGN section 5 says and refuses illegal moves with 4002', async () => {
    const m = await buildMachine(stack, { status: 'offline' });
    const path = `/api/v1/admin/machines/${m.id}/status`;
    assert.equal((await admin.post(path, { status: 'online' })).data.status, 'online');
    assert.equal((await admin.post(path, { status: 'maintenance' })).data.status, 'maintenance');
    const again = await admin.post(path, { status: 'maintenance' });
    assert.deepEqual([again.status, again.code], [409, 4002]);
    assert.equal((await admin.post(path, { status: 'offline' })).data.status, 'offline');
    const alloc = await admin.post(`/api/v1/admin/machines/${m.id}/allocate`, { tenant_id: (await buildTenant()).id, end_at: future(3) });
    assert.equal(alloc.code, 4002);
    const bogus = await admin.post(path, { status: 'allocated' });
    assert.equal(bogus.code, 2001);
  });

  it('allocates to a tenant for a term and reclaims with a reason', async () => {
    const tenant = await buildTenant();
    const m = await buildMachine(stack, { status: 'online' });
    const past = await admin.post(`/api/v1/admin/machines/${m.id}/allocate`, { tenant_id: tenant.id, end_at: '2020-01-01T00:00:00Z' });
    assert.equal(past.code, 2001);
    const r = await admin.post(`/api/v1/admin/machines/${m.id}/allocate`, { tenant_id: tenant.id, end_at: future(30) });
    assert.equal(r.code, 0);
    assert.equal(r.data.status, 'allocated');
    assert.equal(r.data.tenant.company_code, tenant.company_code);
    assert.equal(r.data.allocation.status, 'active');
    const twice = await admin.post(`/api/v1/admin/machines/${m.id}/allocate`, { tenant_id: tenant.id, end_at: future(30) });
    assert.equal(twice.code, 4002);
    assert.equal((await admin.post(`/api/v1/admin/machines/${m.id}/status`, { status: 'online' })).code, 4002);
    assert.equal((await admin.del(`/api/v1/admin/machines/${m.id}`)).code, 4002);
    const noReason = await admin.post(`/api/v1/admin/machines/${m.id}/reclaim`, {});
    assert.equal(noReason.code, 2001);
    const back = await admin.post(`/api/v1/admin/machines/${m.id}/reclaim`, { reason: 'term ended early' });
    assert.equal(back.data.status, 'online');
    assert.equal(back.data.tenant, null);
    const history = await admin.get(`/api/v1/admin/machines/${m.id}/allocations`);
    assert.equal(history.data.items[0].status, 'reclaimed');
    assert.equal(history.data.items[0].reclaim_reason, 'term ended early');
    assert.equal((await admin.post(`/api/v1/admin/machines/${m.id}/reclaim`, { reason: 'again' })).code, 4002);
    assert.ok(await AuditLog.findOne({ where: { action: 'reclaim_machine', resource_id: String(m.id) } }));
  });

  it('lists the machines whose term ends before a given time', async () => {
    const tenant = await buildTenant();
    const soon = await buildMachine(stack, { status: 'online' });
    const later = await buildMachine(stack, { status: 'online' });
    await admin.post(`/api/v1/admin/machines/${soon.id}/allocate`, { tenant_id: tenant.id, end_at: future(3) });
    await admin.post(`/api/v1/admin/machines/${later.id}/allocate`, { tenant_id: tenant.id, end_at: future(30) });
    const r = await admin.get(`/api/v1/admin/machines?ending_before=${encodeURIComponent(future(7))}&tenant_id=${tenant.id}`);
    assert.deepEqual(r.data.items.map((m: { id: number }) => m.id), [soon.id]);
    assert.equal((await admin.get('/api/v1/admin/machines?ending_before=soon')).code, 2001);
  });

  it('keeps a held machine held through maintenance', async () => {
    const tenant = await buildTenant();
    const m = await buildMachine(stack, { status: 'online' });
    await admin.post(`/api/v1/admin/machines/${m.id}/allocate`, { tenant_id: tenant.id, end_at: future(1) });
    assert.equal((await admin.post(`/api/v1/admin/machines/${m.id}/status`, { status: 'maintenance' })).data.status, 'maintenance');
    assert.equal((await admin.post(`/api/v1/admin/machines/${m.id}/status`, { status: 'online' })).data.status, 'allocated');
    assert.equal(await Allocation.count({ where: { machine_id: m.id, status: 'active' } }), 1);
  });

  it('shows a customer only the tenant\'s machines, with connection details', async () => {
    const { user, api: customer } = await loginAs(stack, { role: 'customer_owner' });
    const mine = await buildMachine(stack, { status: 'online', host: '192.0.2.10', ssh_port: 2200, ssh_username: 'gpuuser' });
    const other = await buildMachine(stack, { status: 'online' });
    await admin.post(`/api/v1/admin/machines/${mine.id}/allocate`, { tenant_id: user.tenant_id, end_at: future(7) });
    await admin.post(`/api/v1/admin/machines/${other.id}/allocate`, { tenant_id: (await buildTenant()).id, end_at: future(7) });
    const list = await customer.get('/api/v1/machines');
    assert.deepEqual(list.data.items.map((m: { id: number }) => m.id), [mine.id]);
    assert.ok(!('host' in list.data.items[0]));
    const conn = await customer.get(`/api/v1/machines/${mine.id}/connection`);
    assert.deepEqual(conn.data, { host: '192.0.2.10', port: 2200, username: 'gpuuser', command: 'ssh -p 2200 gpuuser@192.0.2.10' });
    for (const path of [`/api/v1/machines/${other.id}`, `/api/v1/machines/${other.id}/connection`, '/api/v1/machines/999999', '/api/v1/machines/abc']) {
      const r = await customer.get(path);
      assert.deepEqual([r.status, r.code], [404, 3002], path);
    }
    assert.equal((await customer.post(`/api/v1/machines/${other.id}/sessions`, { protocol: 'ssh' })).status, 404);
    for (const [method, path] of [['GET', '/api/v1/admin/machines'], ['POST', `/api/v1/admin/machines/${mine.id}/reclaim`]] as const) {
      const r = await customer.call(method, path, method === 'POST' ? { reason: 'x' } : undefined);
      assert.deepEqual([r.status, r.code], [403, 3001]);
    }
    assert.equal((await customer.as(null).get('/api/v1/machines')).code, 1007);
    // reclaimed: gone from the customer's view
    await admin.post(`/api/v1/admin/machines/${mine.id}/reclaim`, { reason: 'done' });
    assert.equal((await customer.get(`/api/v1/machines/${mine.id}`)).status, 404);
  });
});

describe('terms that end', () => {
  let stack: Stack;
  before(async () => { stack = await startStack(); });
  after(async () => { await stack?.close(); });

  it('are reclaimed automatically, with an audit row', async () => {
    const tenant = await buildTenant();
    const m = await buildMachine(stack, { status: 'allocated', tenant_id: tenant.id });
    const a = await Allocation.create({ machine_id: m.id, tenant_id: tenant.id, end_at: new Date(Date.now() - 1000), created_by: null });
    assert.equal(await expireAllocations(stack.control.deps), 1);
    await a.reload();
    await m.reload();
    assert.equal(a.status, 'expired');
    assert.equal(m.status, 'online');
    assert.equal(m.tenant_id, null);
    assert.ok(await AuditLog.findOne({ where: { action: 'expire_allocation', resource_id: String(m.id) } }));
    assert.equal(await expireAllocations(stack.control.deps), 0);
  });
});
