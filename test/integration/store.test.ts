import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MemoryStore, RedisStore, type Store } from '@remotegpu/common/store';
import { REDIS_URL } from '../helpers/db';

// One contract, two stores: the in-process store must behave like Redis for
// everything control and the gateway rely on.
for (const [name, make] of [
  ['Redis', () => new RedisStore(REDIS_URL, `rgtest:${randomBytes(4).toString('hex')}:`)],
  ['in-process', () => new MemoryStore()],
] as Array<[string, () => Store]>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(() => { store = make(); });
    afterEach(async () => { await store.close(); });

    it('sets, gets, deletes and expires values', async () => {
      await store.set('a', '1');
      await store.set('b', '2', 1);
      assert.equal(await store.get('a'), '1');
      assert.equal(await store.get('b'), '2');
      await store.del('a');
      assert.equal(await store.get('a'), null);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal(await store.get('b'), null);
    });

    it('lets exactly one of many concurrent setNX calls win', async () => {
      const wins = await Promise.all(Array.from({ length: 20 }, () => store.setNX('once', 'x', 60)));
      assert.equal(wins.filter(Boolean).length, 1);
    });

    it('keeps sets', async () => {
      await store.sadd('s', 'a', 60);
      await store.sadd('s', 'b', 60);
      await store.sadd('s', 'a', 60);
      assert.deepEqual((await store.smembers('s')).sort(), ['a', 'b']);
    });

    it('delivers published messages to subscribers until they unsubscribe', async () => {
      const got: string[] = [];
      const off = await store.subscribe('chan', (m) => got.push(m));
      await store.publish('chan', 'hello');
      for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(got, ['hello']);
      await off();
      await store.publish('chan', 'late');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(got, ['hello']);
    });

    it('answers ping', async () => { assert.equal(await store.ping(), true); });
  });
}
