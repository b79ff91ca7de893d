import { deriveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { createStore } from '@remotegpu/common/store';
import { env } from './env';
import { startGateway } from './server';

// The gateway on its own (`npm run start:gateway`), as in production next to
// separate control processes; sessions then need a shared REDIS_URL.

const logger = createLogger('gateway', env.LOG_LEVEL);
if (env.SECRET_CREATED) {
  logger.warn({ dir: env.DATA_DIR }, 'REMOTEGPU_SECRET_KEY unset: generated one in the data folder; set it in production');
}
if (!env.REDIS_URL) {
  logger.warn('REDIS_URL unset: tickets and terminate requests are only shared within this process');
}

const store = createStore(env.REDIS_URL);
const gateway = await startGateway({
  port: env.PORT,
  controlUrl: env.CONTROL_URL,
  store,
  keys: deriveKeys(env.REMOTEGPU_SECRET_KEY),
  recordingsDir: env.RECORDINGS_DIR,
  trustProxy: env.TRUST_PROXY,
  logger,
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'gateway stopping');
  await gateway.close();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
