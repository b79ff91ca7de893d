import { createHash, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Store } from '@remotegpu/common/store';
import { AppError } from '../errors';
import type { AuthClaims } from '../context';
import type { User } from '../models';

export const ACCESS_TTL_S = 15 * 60;
export const REFRESH_TTL_S = 7 * 24 * 3600;

// Keys in the store:
//   rt:<hash>            refresh token -> "<user id>:<family>", until used or expired
//   rt-used:<hash>       a used refresh token's family: seeing it again is reuse
//   rfam-revoked:<fam>   the whole family is dead (reuse, logout, password change)
//   jti-revoked:<jti>    a logged-out access token, until it would have expired
//   user-revoked:<uid>   ms time before which every token of the user is dead
//                        (password changed or reset: every other login ends)
const hash = (t: string) => createHash('sha256').update(t).digest('hex');

export interface TokenPair { access_token: string; refresh_token: string; expires_in: number }

export async function issueTokens(store: Store, jwtKey: Buffer, user: User, family: string = randomUUID()): Promise<TokenPair> {
  const refresh = randomBytes(32).toString('base64url');
  const issuedMs = Date.now();
  await store.set(`rt:${hash(refresh)}`, `${user.id}:${family}:${issuedMs}`, REFRESH_TTL_S);
  const access = jwt.sign({ sub: user.id, role: user.role, tid: user.tenant_id, fam: family, ims: issuedMs },
    jwtKey, { algorithm: 'HS256', expiresIn: ACCESS_TTL_S, jwtid: randomUUID() });
  return { access_token: access, refresh_token: refresh, expires_in: ACCESS_TTL_S };
}

// Uses a refresh token once. A second use of the same token revokes its family.
export async function redeemRefresh(store: Store, token: string): Promise<{ userId: number; family: string }> {
  const h = hash(token);
  const rec = await store.get(`rt:${h}`);
  if (!rec) {
    const fam = await store.get(`rt-used:${h}`);
    if (fam) {
      await store.set(`rfam-revoked:${fam}`, '1', REFRESH_TTL_S);
      throw new AppError('TOKEN_REVOKED', 'refresh token reused: all sessions of this login were revoked');
    }
    throw new AppError('TOKEN_INVALID', 'refresh token invalid or expired');
  }
  const [uid, family, issuedMs] = rec.split(':');
  // The claim is atomic: of two concurrent uses only one wins, the other is reuse.
  if (!(await store.setNX(`rt-used:${h}`, family, REFRESH_TTL_S))) {
    await store.set(`rfam-revoked:${family}`, '1', REFRESH_TTL_S);
    throw new AppError('TOKEN_REVOKED', 'refresh token reused: all sessions of this login were revoked');
  }
  await store.del(`rt:${h}`);
  const [famDead, userCut] = await Promise.all([store.get(`rfam-revoked:${family}`), store.get(`user-revoked:${uid}`)]);
  if (famDead || (userCut && Number(issuedMs) < Number(userCut))) throw new AppError('TOKEN_REVOKED', 'session revoked');
  return { userId: Number(uid), family };
}

export function verifyAccess(jwtKey: Buffer, token: string): AuthClaims {
  try {
    const c = jwt.verify(token, jwtKey, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    return { sub: Number(c.sub), role: String(c.role), tid: (c.tid as number | null) ?? null,
      jti: String(c.jti), fam: String(c.fam), exp: Number(c.exp), ims: Number(c.ims) };
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED');
    throw new AppError('TOKEN_INVALID');
  }
}

export async function isRevoked(store: Store, claims: AuthClaims): Promise<boolean> {
  const [j, f, cut] = await Promise.all([store.get(`jti-revoked:${claims.jti}`), store.get(`rfam-revoked:${claims.fam}`),
    store.get(`user-revoked:${claims.sub}`)]);
  return Boolean(j || f || (cut && !(claims.ims >= Number(cut))));
}

// Logout: the access token dies now, and so does every refresh token of its family.
export async function revokeSession(store: Store, claims: AuthClaims): Promise<void> {
  const left = Math.max(1, claims.exp - Math.floor(Date.now() / 1000));
  await store.set(`jti-revoked:${claims.jti}`, '1', left);
  await store.set(`rfam-revoked:${claims.fam}`, '1', REFRESH_TTL_S);
}

// Every token of the user issued before now stops working (access and refresh).
export async function revokeUserTokens(store: Store, userId: number): Promise<void> {
  await store.set(`user-revoked:${userId}`, String(Date.now()), REFRESH_TTL_S);
}
