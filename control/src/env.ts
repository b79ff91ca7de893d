import { z } from 'zod';

// The only reader of process.env in control. Parsed once at boot; every problem listed.
const schema = z.object({
  CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  REMOTEGPU_DATA_DIR: z.string().default('./data'),
  REMOTEGPU_SECRET_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  REMOTEGPU_ADMIN_PASSWORD: z.string().min(8).optional(),
  RECORDINGS_DIR: z.string().optional(),
  GUACD_HOST: z.string().optional(),
  GUACD_PORT: z.coerce.number().int().default(4822),
  NGINX_CONF_DIR: z.string().optional(),
  NGINX_BIN: z.string().optional(),
  BASE_DOMAIN: z.string().default('remotegpu.localhost'),
  PROMETHEUS_URL: z.string().url().optional(),
  HARBOR_URL: z.string().url().optional(),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().optional(),
});

export type ControlEnv = Readonly<z.infer<typeof schema>>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): ControlEnv {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(blanksRemoved);
  if (!result.success) {
    for (const issue of result.error.issues) console.error(`config: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  return Object.freeze(result.data);
}
