import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { verifyInternal, SIGNATURE_HEADER } from '@remotegpu/common/internal';
import { AppError, NotFoundError } from '../../errors';
import { audit } from '../../lib/audit';
import { uuidParam } from '../../lib/params';
import { input, validate } from '../../middleware/validate';
import { transaction } from '../../middleware/transaction';
import { AccessSession, Machine, User } from '../../models';

// Gateway -> control session reports, signed with the shared internal key.
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start'), started_at: z.iso.datetime(), client_ip: z.string().max(64).nullable(),
    recording_path: z.string().max(1024), host_key_sha256: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/).optional() }),
  z.strictObject({ type: z.literal('end'), ended_at: z.iso.datetime(), status: z.enum(['closed', 'failed', 'terminated']),
    reason: z.string().max(500), bytes_in: count, bytes_out: count, recording_size: count }),
]);
type SessionEventInput = z.infer<typeof eventSchema>;

async function signed(ctx: Context, next: Next) {
  const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
  if (!verifyInternal(ctx.deps.keys.internal, raw, ctx.get(SIGNATURE_HEADER))) throw new AppError('FORBIDDEN', 'bad signature');
  await next();
}

async function sessionEvent(ctx: Context) {
  const e = input<SessionEventInput>(ctx);
  const tx = ctx.state.tx;
  const s = await AccessSession.findByPk(uuidParam(ctx, 'id', 'session'), { transaction: tx, lock: tx?.LOCK.UPDATE });
  if (!s) throw new NotFoundError('session');
  if (e.type === 'start') {
    // An empty path: the session failed before anything was recorded.
    const root = ctx.deps.recordingsDir;
    const file = e.recording_path ? resolve(root, e.recording_path) : null;
    if (file && !file.startsWith(root + sep)) throw new AppError('VALIDATION_FAILED', 'recording_path: outside RECORDINGS_DIR');
    if (s.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', `session is ${s.status}`);
    await s.update({ status: file ? 'active' : 'pending', started_at: new Date(e.started_at), client_ip: e.client_ip ?? s.client_ip,
      recording_path: file ? relative(root, file) : null }, { transaction: tx });
    if (e.host_key_sha256) await learnHostKey(ctx, s, e.host_key_sha256);
  } else {
    if (s.status !== 'pending' && s.status !== 'active') throw new AppError('ILLEGAL_TRANSITION', `session is ${s.status}`);
    await s.update({ status: e.status, ended_at: new Date(e.ended_at), close_reason: e.reason, bytes_in: e.bytes_in,
      bytes_out: e.bytes_out, recording_size: e.recording_size, started_at: s.started_at ?? new Date(e.ended_at) }, { transaction: tx });
    const user = await User.findByPk(s.user_id, { transaction: tx });
    await audit(ctx, { action: 'session_close', resource_type: 'session', resource_id: s.id, tenant_id: s.tenant_id,
      actor: user ? { id: user.id, username: user.username } : null,
      details: { status: e.status, reason: e.reason, bytes_in: e.bytes_in, bytes_out: e.bytes_out } });
  }
  ctx.body = { code: 0, msg: 'ok', data: null };
}

// Trust on first use: the first key a machine presents is kept; the gateway refuses
// any other from then on, until an admin clears it.
async function learnHostKey(ctx: Context, s: AccessSession, fingerprint: string) {
  const tx = ctx.state.tx;
  const m = await Machine.findByPk(s.machine_id, { transaction: tx, lock: tx?.LOCK.UPDATE });
  if (!m || m.ssh_host_key_sha256) return;
  await m.update({ ssh_host_key_sha256: fingerprint }, { transaction: tx });
  await audit(ctx, { action: 'learn_host_key', resource_type: 'machine', resource_id: m.id, actor: null,
    details: { fingerprint, session_id: s.id } });
}

export const internalRouter = new Router({ prefix: '/api/v1/internal' });
internalRouter.post('/sessions/:id/events', signed, validate(eventSchema), transaction, sessionEvent);
