import assert from 'node:assert/strict';
import pg from 'pg';
import { migrate } from '@remotegpu/control/db/migrate';
import { createFreshDatabase } from '../helpers/db';

describe('migrations', () => {
  it('apply once, in order, even when several processes start together', async () => {
    const db = await createFreshDatabase();
    try {
      const runs = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
      const applied = runs.flat();
      assert.ok(applied.includes('001_init.sql'));
      assert.equal(new Set(applied).size, applied.length, 'no migration applied twice');
      assert.deepEqual(await migrate(db.url), [], 'a second start applies nothing');
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query('SELECT version FROM schema_migrations ORDER BY version');
      await c.end();
      assert.deepEqual(rows.map((r) => r.version), [...rows.map((r) => r.version)].sort((a, b) => a - b));
      assert.equal(rows[0].version, 1);
    } finally {
      await db.drop();
    }
  });
});
