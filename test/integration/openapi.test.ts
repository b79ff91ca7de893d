import assert from 'node:assert/strict';
import { startStack, type Stack } from '../helpers/stack';

describe('API documentation', () => {
  let stack: Stack;
  before(async () => { stack = await startStack(); });
  after(async () => { await stack?.close(); });

  it('publishes an OpenAPI 3.1 document describing every public route and its input', async () => {
    const doc = await (await fetch(`${stack.controlUrl}/api/v1/openapi.json`)).json();
    assert.equal(doc.openapi, '3.1.0');
    const login = doc.paths['/api/v1/auth/login'].post;
    const body = login.requestBody.content['application/json'].schema;
    assert.deepEqual(Object.keys(body.properties).sort(), ['password', 'username']);
    assert.ok(doc.paths['/api/v1/admin/machines/{id}/allocate'].post.requestBody);
    assert.ok(doc.paths['/api/v1/machines/{id}/sessions'].post);
    assert.ok(doc.paths['/api/v1/admin/customers'].get.parameters.some((p: { name: string }) => p.name === 'keyword'));
    assert.ok(!Object.keys(doc.paths).some((p) => p.includes('internal')), 'internal routes stay out of the public document');
  });

  it('serves Swagger UI', async () => {
    const page = await fetch(`${stack.controlUrl}/api/docs`);
    assert.match(await page.text(), /swagger-ui-bundle\.js/);
    const js = await fetch(`${stack.controlUrl}/api/docs/swagger-ui-bundle.js`);
    assert.equal(js.status, 200);
    assert.ok((await js.arrayBuffer()).byteLength > 100_000);
  });
});
