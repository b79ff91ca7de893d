import { resolve } from 'node:path';
import { resolveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { createStore } from '@remotegpu/common/store';
import { startEmbeddedPostgres, type EmbeddedDb } from '@remotegpu/control/db/embedded';
import { parseEnv } from '@remotegpu/control/env';
import { startControl } from '@remotegpu/control/server';
import { startGateway } from '@remotegpu/gateway/server';

// `npm start`: control and gateway in one process with embedded defaults — a real
// PostgreSQL under ./data/pg unless DATABASE_URL is set, the in-process store unless
// REDIS_URL is set. One URL for the user: the gateway's.
const env = parseEnv();
const logger = createLogger('remotegpu', env.LOG_LEVEL);
const dataDir = resolve(env.REMOTEGPU_DATA_DIR);

let embedded: EmbeddedDb | null = null;
if (!env.DATABASE_URL) embedded = await startEmbeddedPostgres(dataDir, logger);
const databaseUrl = env.DATABASE_URL ?? embedded!.url;
const keys = resolveKeys(env.REMOTEGPU_SECRET_KEY, dataDir, (m) => logger.warn(m));
const store = createStore(env.REDIS_URL);
if (!env.REDIS_URL) logger.info('REDIS_URL not set: using the in-process store');

const control = await startControl({ env, databaseUrl, store, keys, logger, port: env.CONTROL_PORT });
const gateway = await startGateway({ port: env.PORT, host: '0.0.0.0', controlUrl: `http://127.0.0.1:${control.port}`,
  store, keys, recordingsDir: control.deps.recordingsDir, logger, trustProxy: env.TRUST_PROXY });

console.log(`\nRemoteGPU is running: http://localhost:${gateway.port}\n`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await gateway.close().catch((err) => logger.error({ err }, 'gateway close'));
  await control.close().catch((err) => logger.error({ err }, 'control close'));
  await store.close();
  await embedded?.stop().catch((err) => logger.error({ err }, 'embedded PostgreSQL stop'));
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
