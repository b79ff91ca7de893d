import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { deriveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { createStore, type Store } from '@remotegpu/common/store';
import { parseEnv } from '@remotegpu/control/env';
import { startControl, type ControlHandle } from '@remotegpu/control/server';
import { startGateway } from '@remotegpu/gateway/server';
import { createFreshDatabase, REDIS_URL } from './db';

export interface Stack {
  control: ControlHandle;
  controlUrl: string;
  gatewayUrl: string | null;
  store: Store;
  keys: ReturnType<typeof deriveKeys>;
  dataDir: string;
  recordingsDir: string;
  close(): Promise<void>;
}

// Control (and optionally the gateway) on port 0, against a fresh database and a
// private key prefix in the real Redis.
export async function startStack(opts: { gateway?: boolean; env?: Record<string, string> } = {}): Promise<Stack> {
  const db = await createFreshDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'rg-test-'));
  const recordingsDir = join(dataDir, 'recordings');
  const env = parseEnv({ REMOTEGPU_DATA_DIR: dataDir, RECORDINGS_DIR: recordingsDir, DATABASE_URL: db.url,
    REDIS_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...opts.env });
  const logger = createLogger('test', env.LOG_LEVEL);
  const keys = deriveKeys(randomBytes(32).toString('hex'));
  const store = createStore(REDIS_URL, `rgtest:${randomBytes(4).toString('hex')}:`);
  const control = await startControl({ env, databaseUrl: db.url, store, keys, logger, port: 0 });
  const controlUrl = `http://127.0.0.1:${control.port}`;
  const gateway = opts.gateway
    ? await startGateway({ port: 0, controlUrl, store, keys, recordingsDir, logger })
    : null;
  return {
    control, controlUrl, gatewayUrl: gateway ? `http://127.0.0.1:${gateway.port}` : null,
    store, keys, dataDir, recordingsDir,
    async close() {
      await gateway?.close();
      await control.close();
      await store.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
