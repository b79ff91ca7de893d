import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Keys } from '@remotegpu/common/keys';
import type { Logger } from '@remotegpu/common/logger';
import type { Store } from '@remotegpu/common/store';
import { createApp } from './app';
import { scheduleHousekeeping } from './commands/housekeeping';
import type { Deps } from './context';
import { migrate } from './db/migrate';
import type { ControlEnv } from './env';
import { createLimiters } from './lib/limiters';
import { seedAdmin } from './lib/seed';
import { connectDb } from './models';

export interface ControlOptions {
  env: ControlEnv;
  databaseUrl: string;
  store: Store;
  keys: Keys;
  logger: Logger;
  port: number;
  host?: string;
}

export interface ControlHandle { port: number; server: Server; deps: Deps; close(): Promise<void> }

const DEFAULT_WEB_DIST = new URL('../../web/dist/', import.meta.url).pathname;

export async function startControl(o: ControlOptions): Promise<ControlHandle> {
  await migrate(o.databaseUrl, o.logger);
  const sequelize = connectDb(o.databaseUrl);
  await seedAdmin(o.env.REMOTEGPU_ADMIN_PASSWORD, o.logger);
  const webDist = o.env.WEB_DIST_DIR ?? DEFAULT_WEB_DIST;
  const deps: Deps = {
    env: o.env, sequelize, store: o.store, keys: o.keys, logger: o.logger,
    limiters: createLimiters(o.store),
    recordingsDir: resolve(o.env.RECORDINGS_DIR ?? resolve(o.env.REMOTEGPU_DATA_DIR, 'recordings')),
    webDistDir: existsSync(resolve(webDist, 'index.html')) ? webDist : null,
  };
  if (!deps.webDistDir) o.logger.warn({ webDist }, 'web app not built: run `npm run build:web`');
  const app = createApp(deps);
  const server = app.listen(o.port, o.host ?? '127.0.0.1');
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  const port = (server.address() as { port: number }).port;
  const stopHousekeeping = scheduleHousekeeping(deps);
  return {
    port, server, deps,
    async close() {
      stopHousekeeping();
      await new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); });
      await sequelize.close();
    },
  };
}
