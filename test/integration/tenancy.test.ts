import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessSession, Allocation } from '@remotegpu/control/models';
import { buildMachine, buildUser, loginAs } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';

// One place that walks every customer-facing route with another tenant's ids: each
// answers exactly like a missing object (404, code 3002), never with the object.
describe('tenant isolation', () => {
  let stack: Stack;
  before(async () => { stack = await startStack(); });
  after(async () => { await stack?.close(); });

  it('answers 404 for another tenant\'s machine, session and recording, and 403 on admin routes', async () => {
    const a = await loginAs(stack, { role: 'customer_owner' });
    const b = await loginAs(stack, { role: 'customer_owner' });
    const machine = await buildMachine(stack, { status: 'allocated', tenant_id: a.user.tenant_id });
    await Allocation.create({ machine_id: machine.id, tenant_id: a.user.tenant_id!, end_at: new Date(Date.now() + 86400_000), created_by: null });
    const sessionId = randomUUID();
    mkdirSync(join(stack.recordingsDir, 'x'), { recursive: true });
    writeFileSync(join(stack.recordingsDir, 'x', `${sessionId}.cast`), '{"version":2,"width":80,"height":24}\n[0.1,"o","secret output"]\n');
    await AccessSession.create({ id: sessionId, user_id: a.user.id, machine_id: machine.id, tenant_id: a.user.tenant_id,
      protocol: 'ssh', status: 'closed', recording_path: `x/${sessionId}.cast`, recording_size: 60 });

    // the owner reaches them all
    for (const path of [`/api/v1/machines/${machine.id}`, `/api/v1/machines/${machine.id}/connection`, `/api/v1/sessions/${sessionId}`]) {
      assert.equal((await a.api.get(path)).code, 0, path);
    }
    assert.equal((await fetch(`${stack.controlUrl}/api/v1/sessions/${sessionId}/recording`, { headers: { authorization: `Bearer ${a.api.token}` } })).status, 200);

    // another tenant reaches none, and learns nothing from the answer
    const missing = await b.api.get('/api/v1/machines/2147483647');
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/machines/${machine.id}`], ['GET', `/api/v1/machines/${machine.id}/connection`],
      ['POST', `/api/v1/machines/${machine.id}/sessions`, { protocol: 'ssh' }],
      ['GET', `/api/v1/sessions/${sessionId}`], ['GET', `/api/v1/sessions/${sessionId}/recording`],
    ];
    for (const [method, path, body] of calls) {
      const r = await b.api.call(method, path, body);
      assert.deepEqual([r.status, r.code], [404, 3002], `${method} ${path}`);
      assert.ok(!JSON.stringify(r.data ?? '').includes('secret output'));
    }
    assert.deepEqual((await b.api.get('/api/v1/machines')).data.items, []);
    assert.equal(missing.status, 404);

    // a member of the same tenant, without grants, reaches no machine either (fail closed)
    const member = await buildUser({ role: 'customer_member', tenant_id: a.user.tenant_id });
    const memberApi = await a.api.as(null).login(member.username, 'Passw0rd_test');
    assert.equal((await memberApi.get(`/api/v1/machines/${machine.id}`)).status, 404);
    assert.equal((await memberApi.get(`/api/v1/sessions/${sessionId}`)).status, 404, 'not the member\'s own session');

    // customers are refused every admin route
    const adminCalls: Array<[string, string]> = [
      ['GET', '/api/v1/admin/customers'], ['POST', '/api/v1/admin/customers'], ['POST', `/api/v1/admin/customers/${a.user.id}/disable`],
      ['GET', '/api/v1/admin/machines'], ['POST', '/api/v1/admin/machines'], ['GET', `/api/v1/admin/machines/${machine.id}`],
      ['PATCH', `/api/v1/admin/machines/${machine.id}`], ['POST', `/api/v1/admin/machines/${machine.id}/reclaim`],
      ['GET', '/api/v1/admin/sessions'], ['POST', `/api/v1/admin/sessions/${sessionId}/terminate`], ['GET', '/api/v1/admin/audit-logs'],
    ];
    for (const [method, path] of adminCalls) {
      const r = await a.api.call(method, path, method === 'GET' ? undefined : {});
      assert.deepEqual([r.status, r.code], [403, 3001], `${method} ${path}`);
    }
  });
});
