import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM with a random 96-bit nonce: version byte, nonce, tag, ciphertext,
// base64url. Used for secrets at rest and for gateway tickets (different keys).
const VERSION = 1;

export function seal(key: Buffer, plain: string | Buffer, aad = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64url');
}

// Returns null for anything that was not sealed by this key (tampered, truncated, foreign).
export function open(key: Buffer, sealed: string, aad = ''): Buffer | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29 || raw[0] !== VERSION) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 13));
    if (aad) decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(13, 29));
    return Buffer.concat([decipher.update(raw.subarray(29)), decipher.final()]);
  } catch {
    return null;
  }
}
