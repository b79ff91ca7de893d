import { resolve } from 'node:path';
import { z } from 'zod';
import { loadOrCreateSecret } from '@remotegpu/common/keys';

// The gateway's settings, read from the environment once at boot. This is the
// only file that touches process.env: every other module gets values passed in.

const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();

const schema = z.object({
  PORT: port.default(8080),
  CONTROL_PORT: port.default(3000),
  CONTROL_URL: url.optional(),
  REDIS_URL: url.optional(),
  REMOTEGPU_SECRET_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  REMOTEGPU_DATA_DIR: z.string().min(1).default('./data'),
  RECORDINGS_DIR: z.string().min(1).optional(),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface GatewayEnv {
  readonly PORT: number;
  readonly CONTROL_URL: string;
  readonly REDIS_URL: string | undefined;
  readonly REMOTEGPU_SECRET_KEY: string;
  /** True when the secret was just generated into the data folder (warn once). */
  readonly SECRET_CREATED: boolean;
  readonly DATA_DIR: string;
  readonly RECORDINGS_DIR: string;
  readonly LOG_LEVEL: string;
  /** Behind nginx: take the client address from X-Forwarded-For. */
  readonly TRUST_PROXY: boolean;
}

// Empty strings count as unset, so `PORT= npm start` behaves like no PORT.
function withoutEmpty(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export function parseEnv(source: NodeJS.ProcessEnv): GatewayEnv {
  const parsed = schema.safeParse(withoutEmpty(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`invalid gateway settings:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.REMOTEGPU_DATA_DIR);
  const secret = e.REMOTEGPU_SECRET_KEY
    ? { secret: e.REMOTEGPU_SECRET_KEY, created: false }
    : loadOrCreateSecret(dataDir);
  return Object.freeze({
    PORT: e.PORT,
    CONTROL_URL: (e.CONTROL_URL ?? `http://127.0.0.1:${e.CONTROL_PORT}`).replace(/\/+$/, ''),
    REDIS_URL: e.REDIS_URL,
    REMOTEGPU_SECRET_KEY: secret.secret,
    SECRET_CREATED: secret.created,
    DATA_DIR: dataDir,
    RECORDINGS_DIR: resolve(e.RECORDINGS_DIR ?? `${dataDir}/recordings`),
    LOG_LEVEL: e.LOG_LEVEL,
    TRUST_PROXY: e.TRUST_PROXY,
  });
}

function load(): GatewayEnv {
  try {
    return parseEnv(process.env);
  } catch (err) {
    // Boot-time misconfiguration: say every problem at once and stop.
    console.error((err as Error).message);
    process.exit(1);
  }
}

export const env: GatewayEnv = load();
