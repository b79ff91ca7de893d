import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CastRecorder, castPath } from '@remotegpu/gateway/castRecorder';

describe('gateway: asciicast recorder', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'rg-cast-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  async function lines(path: string) {
    return (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
  }

  it('files recordings by UTC date and session id', () => {
    const at = new Date('2024-03-05T23:30:00-05:00'); // already the 6th in UTC
    assert.equal(castPath('/rec', 'abc', at), '/rec/2024/03/06/abc.cast');
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const path = join(dir, 'a', 'b', 's1.cast');
    const rec = await CastRecorder.create(path, { cols: 80, rows: 24 });
    const bytes = Buffer.from('你好, wörld 🎉!', 'utf8');
    for (let i = 0; i < bytes.length; i++) rec.output(bytes.subarray(i, i + 1)); // one byte at a time
    await new Promise((r) => setTimeout(r, 80)); // let one batch flush
    rec.output(Buffer.from([0xe4, 0xbd])); // a character split across batches
    await new Promise((r) => setTimeout(r, 80));
    rec.output(Buffer.from([0xa0]));
    const size = await rec.close();
    assert.equal(size, (await stat(path)).size);
    const [header, ...events] = await lines(path);
    assert.equal(header.version, 2);
    const text = events.filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    assert.equal(text, '你好, wörld 🎉!你');
    assert.equal((await stat(path)).mode & 0o777, 0o640);
  });

  it('records ASCII and non-ASCII batches alike, whichever way they are written', async () => {
    const path = join(dir, 'mixed.cast');
    const rec = await CastRecorder.create(path, { cols: 80, rows: 24, title: 'ä@host' });
    rec.resize(80, 24);
    const parts = ['plain ascii\r\n', '中文 ok\r\n', 'tab\tand "quotes" \\ back\r\n', '\x1b[31mred\x1b[0m'];
    for (const p of parts) {
      rec.output(Buffer.from(p, 'utf8'));
      await new Promise((r) => setTimeout(r, 70)); // each its own batch
    }
    rec.output(Buffer.from([0xe5, 0xa5])); // half a character, then ASCII-looking bytes must not skip the decoder
    await new Promise((r) => setTimeout(r, 70));
    rec.output(Buffer.from([0xbd, 0x21]));
    const size = await rec.close();
    assert.equal(size, (await stat(path)).size);
    const [header, ...events] = await lines(path);
    assert.equal(header.title, 'ä@host');
    assert.equal(events.filter((e) => e[1] === 'o').map((e) => e[2]).join(''), parts.join('') + '好!');
  });

  it('writes the header with the first resize, holding output until then', async () => {
    const path = join(dir, 's2.cast');
    const rec = await CastRecorder.create(path, { cols: 80, rows: 24 });
    rec.output(Buffer.from('$ '));
    await new Promise((r) => setTimeout(r, 80));
    assert.equal((await stat(path)).size, 0, 'nothing before the header');
    rec.resize(132, 43);
    rec.output(Buffer.from('ls\r\n'));
    rec.resize(100, 30);
    await rec.close();
    const [header, ...events] = await lines(path);
    assert.deepEqual([header.width, header.height], [132, 43]);
    assert.deepEqual(events.map((e) => [e[1], e[2]]), [['o', '$ '], ['o', 'ls\r\n'], ['r', '100x30']]);
  });

  it('writes the header after the wait when no resize comes', async () => {
    const path = join(dir, 's3.cast');
    const rec = await CastRecorder.create(path, { cols: 80, rows: 24, headerWaitMs: 30 });
    rec.output(Buffer.from('hello'));
    await new Promise((r) => setTimeout(r, 120));
    const [header, first] = await lines(path);
    assert.deepEqual([header.width, header.height], [80, 24]);
    assert.deepEqual(first.slice(1), ['o', 'hello']);
    await rec.close();
  });

  it('never overwrites an existing recording', async () => {
    const path = join(dir, 's4.cast');
    await (await CastRecorder.create(path, { cols: 80, rows: 24 })).close();
    await assert.rejects(CastRecorder.create(path, { cols: 80, rows: 24 }), /EEXIST/);
  });

  it('escapes control characters so every line stays valid JSON', async () => {
    const path = join(dir, 's5.cast');
    const rec = await CastRecorder.create(path, { cols: 80, rows: 24 });
    rec.resize(80, 24);
    rec.output(Buffer.from('\x1b[31m"quoted"\\\n\u2028\0'));
    await rec.close();
    const [, ev] = await lines(path);
    assert.equal(ev[2], '\x1b[31m"quoted"\\\n\u2028\0');
  });
});
