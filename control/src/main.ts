import { resolveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { createStore } from '@remotegpu/common/store';
import { parseEnv } from './env';
import { startControl } from './server';

// Control alone, as in production (needs DATABASE_URL; REDIS_URL to share state with gateways).
const env = parseEnv();
const logger = createLogger('control', env.LOG_LEVEL);
if (!env.DATABASE_URL) { logger.fatal('DATABASE_URL is required when control runs alone (npm start embeds one)'); process.exit(1); }
if (!env.REDIS_URL) logger.warn('REDIS_URL is not set: tokens and tickets are kept in this process only');
const keys = resolveKeys(env.REMOTEGPU_SECRET_KEY, env.REMOTEGPU_DATA_DIR, (m) => logger.warn(m));
const store = createStore(env.REDIS_URL);
const control = await startControl({ env, databaseUrl: env.DATABASE_URL, store, keys, logger, port: env.CONTROL_PORT, host: '0.0.0.0' });
logger.info({ port: control.port }, 'control listening');
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, async () => { await control.close(); await store.close(); process.exit(0); });
}
