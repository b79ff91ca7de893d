import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { deriveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { MemoryStore } from '@remotegpu/common/store';
import { startGateway, type Gateway } from '@remotegpu/gateway/server';

// The gateway as the front door: its own health/readiness/metrics, everything
// else reverse-proxied to control (here a test double that echoes what it got).

describe('gateway: HTTP front door', () => {
  let controlDouble: http.Server;
  let controlUrl: string;
  let gateway: Gateway;
  let store: MemoryStore;
  let recordingsDir: string;
  let url: string;

  before(async () => {
    // Test double for control: answers /healthz and echoes any other request.
    controlDouble = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, msg: 'ok', data: { url: req.url, method: req.method, headers: req.headers } }));
    });
    await new Promise<void>((r) => controlDouble.listen(0, '127.0.0.1', r));
    controlUrl = `http://127.0.0.1:${(controlDouble.address() as { port: number }).port}`;
    store = new MemoryStore();
    recordingsDir = await mkdtemp(join(tmpdir(), 'rg-rec-'));
    gateway = await startGateway({
      port: 0, host: '127.0.0.1', controlUrl, store, keys: deriveKeys('gateway-http-test-secret-000000'), recordingsDir,
      logger: createLogger('gateway-test', process.env.LOG_LEVEL ?? 'silent'),
    });
    url = `http://127.0.0.1:${gateway.port}`;
  });

  after(async () => {
    await gateway?.close();
    controlDouble?.closeAllConnections();
    await new Promise((r) => controlDouble?.close(r));
    await store?.close();
    await rm(recordingsDir, { recursive: true, force: true });
  });

  it('answers /healthz itself in the envelope', async () => {
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.code, 0);
    assert.equal(body.msg, 'ok');
    assert.equal(body.data.status, 'alive');
  });

  it('is ready when the store and control answer', async () => {
    const res = await fetch(`${url}/readyz`);
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).data, { store: true, control: true });
  });

  it('serves its own Prometheus metrics', async () => {
    const res = await fetch(`${url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    for (const name of ['remotegpu_gateway_sessions_live', 'remotegpu_gateway_sessions_total',
      'remotegpu_gateway_bytes_in_total', 'remotegpu_gateway_bytes_out_total', 'process_resident_memory_bytes']) {
      assert.ok(text.includes(name), name);
    }
  });

  it('proxies everything else to control, keeping Host and adding X-Forwarded-*', async () => {
    // fetch() may not set Host, so a plain http.request plays the browser here.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http.get(`${url}/api/v1/auth/me?x=1`, { headers: { host: 'portal.example.test', 'x-forwarded-for': '198.51.100.7' } }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
    assert.equal(status, 200);
    const { data } = JSON.parse(body);
    assert.equal(data.url, '/api/v1/auth/me?x=1');
    assert.equal(data.headers.host, 'portal.example.test');
    assert.equal(data.headers['x-forwarded-for'], '127.0.0.1', 'a client-written X-Forwarded-For is replaced, not passed on');
    assert.equal(data.headers['x-forwarded-proto'], 'http');
    const post = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal((await post.json()).data.method, 'POST');
  });

  it('refuses unknown WebSocket endpoints and plain requests to /ws/', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/nope`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('upgraded')));
      ws.on('error', () => {});
    });
    assert.equal(status, 404);
    const res = await fetch(`${url}/ws/ssh?ticket=x`);
    assert.equal(res.status, 426);
  });

  it('answers 502 with code 5003 when control is down, and is not ready', async () => {
    const down = await startGateway({
      port: 0, host: '127.0.0.1', controlUrl: 'http://127.0.0.1:1', store, keys: deriveKeys('gateway-http-test-secret-000000'),
      recordingsDir, logger: createLogger('gateway-test', 'silent'),
    });
    try {
      const res = await fetch(`http://127.0.0.1:${down.port}/api/v1/machines`);
      assert.equal(res.status, 502);
      const body = await res.json();
      assert.deepEqual([body.code, body.msg, body.data], [5003, 'control unavailable', null]);
      const ready = await fetch(`http://127.0.0.1:${down.port}/readyz`);
      assert.equal(ready.status, 503);
      assert.deepEqual((await ready.json()).data, { store: true, control: false });
    } finally {
      await down.close();
    }
  });
});
