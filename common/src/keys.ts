import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Keys {
  jwt: Buffer;       // HMAC key for access JWTs
  ticket: Buffer;    // AES-256-GCM key for gateway tickets
  secrets: Buffer;   // AES-256-GCM key for secrets at rest
  internal: Buffer;  // HMAC key gateway -> control reports
}

// Every key is derived from the one secret, each for one purpose (HKDF-SHA256).
export function deriveKeys(secret: string): Keys {
  const d = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'remotegpu', info, 32));
  return { jwt: d('jwt'), ticket: d('ticket'), secrets: d('secrets-at-rest'), internal: d('internal') };
}

// Absent REMOTEGPU_SECRET_KEY: a random key made once and kept in the data folder
// readable by its owner only. Returns the key and whether it was just made.
export function loadOrCreateSecret(dataDir: string): { secret: string; created: boolean } {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, created: true };
}

// The secret from the setting, else the one kept in the data folder (with a warning).
export function resolveKeys(setting: string | undefined, dataDir: string, warn: (msg: string) => void): Keys {
  if (setting) return deriveKeys(setting);
  const { secret, created } = loadOrCreateSecret(dataDir);
  warn(created
    ? `REMOTEGPU_SECRET_KEY is not set: generated one in ${join(dataDir, 'secret.key')}; set it in production`
    : `REMOTEGPU_SECRET_KEY is not set: using ${join(dataDir, 'secret.key')}`);
  return deriveKeys(secret);
}
