import assert from 'node:assert/strict';
import { closeReason, parseClientMessage } from '@remotegpu/gateway/terminalProtocol';
import { outcomeForSshError } from '@remotegpu/gateway/sshOutcome';

describe('gateway: terminal protocol', () => {
  it('accepts a resize with integer sizes from 1 to 1000', () => {
    assert.deepEqual(parseClientMessage('{"type":"resize","cols":120,"rows":40}'), { type: 'resize', cols: 120, rows: 40 });
    assert.deepEqual(parseClientMessage('{"type":"resize","cols":1,"rows":1000}'), { type: 'resize', cols: 1, rows: 1000 });
  });

  it('ignores anything else', () => {
    for (const text of [
      '{"type":"resize","cols":0,"rows":40}', '{"type":"resize","cols":1001,"rows":40}',
      '{"type":"resize","cols":80.5,"rows":40}', '{"type":"resize","cols":"80","rows":40}',
      '{"type":"resize","cols":80}', '{"type":"resize","cols":-1,"rows":-1}', '{"type":"resize","cols":1e400,"rows":2}',
      '{"type":"other"}', '[1,2]', 'null', '42', 'not json', '',
      JSON.stringify({ type: 'resize', cols: 80, rows: 24, pad: 'x'.repeat(1000) }),
    ]) {
      assert.equal(parseClientMessage(text), null, text);
    }
  });

  it('keeps close reasons within the 123-byte WebSocket limit', () => {
    assert.equal(closeReason('short'), 'short');
    const long = '机'.repeat(100);
    const r = closeReason(long);
    assert.ok(Buffer.byteLength(r) <= 123);
    assert.ok(!r.includes('\uFFFD'));
  });

  it('names SSH failures clearly', () => {
    const auth = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    assert.deepEqual(outcomeForSshError(auth, false), { status: 'failed', reason: 'authentication failed', closeCode: 4003 });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { level: 'client-socket', code: 'ECONNREFUSED' });
    assert.equal(outcomeForSshError(refused, false).reason, 'machine unreachable: ECONNREFUSED');
    assert.equal(outcomeForSshError(refused, false).closeCode, 4002);
    const timeout = Object.assign(new Error('Timed out'), { level: 'client-timeout' });
    assert.equal(outcomeForSshError(timeout, false).reason, 'machine unreachable: timed out');
  });
});
