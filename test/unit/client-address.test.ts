import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientAddress, plainIp, setForwardedHeaders } from '@remotegpu/gateway/clientAddress';

const req = (remote: string, headers: Record<string, string> = {}) =>
  ({ headers: { ...headers }, socket: { remoteAddress: remote } }) as unknown as IncomingMessage;

describe('gateway: client address', () => {
  it('believes the socket, not a client-written X-Forwarded-For, when it is the front door', () => {
    assert.equal(clientAddress(req('::ffff:192.0.2.4', { 'x-forwarded-for': '203.0.113.9' }), false), '192.0.2.4');
  });

  it('takes the hop our own proxy appended when told to trust it', () => {
    assert.equal(clientAddress(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' }), true), '198.51.100.7');
    assert.equal(clientAddress(req('127.0.0.1', { 'x-forwarded-for': 'garbage' }), true), '127.0.0.1');
  });

  it('writes IPv4-mapped addresses as plain IPv4', () => {
    assert.equal(plainIp('::ffff:10.1.2.3'), '10.1.2.3');
    assert.equal(plainIp('2001:db8::1'), '2001:db8::1');
  });

  it('forwards exactly one hop upstream', () => {
    const r = req('192.0.2.4', { 'x-forwarded-for': '1.2.3.4, 5.6.7.8', host: 'example.test' });
    setForwardedHeaders(r, false);
    assert.equal(r.headers['x-forwarded-for'], '192.0.2.4');
    assert.equal(r.headers['x-forwarded-proto'], 'http');
    assert.equal(r.headers['x-forwarded-host'], 'example.test');
  });
});
