import { createReadStream, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Context } from 'koa';
import { Sequelize } from 'sequelize';
import { TERMINATE_CHANNEL } from '@remotegpu/common/internal';
import { sealTicket } from '@remotegpu/common/ticket';
import { sessionOpener } from '../../commands/sessionOpener';
import { AppError, NotFoundError } from '../../errors';
import { audit } from '../../lib/audit';
import { uuidParam } from '../../lib/params';
import { input } from '../../middleware/validate';
import { AccessSession, Machine, User } from '../../models';
import { authorizeSession } from '../../policies/session';
import { presentSession } from '../../presenters/session';
import { loadVisibleMachine } from '../machines/handlers';
import type { ListSessionsInput } from './schema';

const include = [{ model: User, as: 'user', attributes: ['id', 'username'] }, { model: Machine, as: 'machine', attributes: ['id', 'name'] }];

export async function open(ctx: Context) {
  const machine = await loadVisibleMachine(ctx);
  ctx.status = 201;
  ctx.body = { code: 0, msg: 'ok', data: await sessionOpener(ctx, machine, input<{ protocol: 'ssh' }>(ctx).protocol) };
}

export async function list(ctx: Context) {
  const q = input<ListSessionsInput>(ctx);
  const where = Object.fromEntries(Object.entries({ status: q.status, protocol: q.protocol, machine_id: q.machine_id, user_id: q.user_id })
    .filter(([, v]) => v !== undefined));
  const { rows, count } = await AccessSession.findAndCountAll({ where, include,
    // live sessions first, then newest
    order: [[Sequelize.literal(`CASE WHEN "AccessSession"."status" = 'active' THEN 0 ELSE 1 END`), 'ASC'], ['created_at', 'DESC']],
    limit: q.page_size, offset: (q.page - 1) * q.page_size });
  ctx.body = { code: 0, msg: 'ok', data: { items: rows.map(presentSession), total: count, page: q.page, page_size: q.page_size } };
}

async function loadSession(ctx: Context) {
  const s = await AccessSession.findByPk(uuidParam(ctx, 'id', 'session'), { include });
  return authorizeSession(ctx.state.user!, s);
}

export async function show(ctx: Context) {
  ctx.body = { code: 0, msg: 'ok', data: presentSession(await loadSession(ctx)) };
}

export async function terminate(ctx: Context) {
  const s = await loadSession(ctx);
  if (s.status !== 'active' && s.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', `session is already ${s.status}`);
  await audit(ctx, { action: 'session_terminate', resource_type: 'session', resource_id: s.id, tenant_id: s.tenant_id,
    details: { machine_id: s.machine_id, user_id: s.user_id } });
  await ctx.deps.store.publish(TERMINATE_CHANNEL, s.id);
  ctx.body = { code: 0, msg: 'ok', data: presentSession(s) };
}

// An admin watches a live session read-only: a watch ticket (no machine credentials)
// for the gateway that holds the session.
export async function watch(ctx: Context) {
  const s = await loadSession(ctx);
  if (s.status !== 'active') throw new AppError('ILLEGAL_TRANSITION', `session is ${s.status}: only a live session can be watched`);
  const user = ctx.state.user!;
  await audit(ctx, { action: 'session_watch', resource_type: 'session', resource_id: s.id, tenant_id: s.tenant_id,
    details: { machine_id: s.machine_id, user_id: s.user_id } });
  const ticket = sealTicket(ctx.deps.keys.ticket, { kind: 'watch', session_id: s.id, user_id: user.id, username: user.username });
  ctx.body = { code: 0, msg: 'ok', data: { session_id: s.id, ticket, ws_url: `/ws/watch?ticket=${encodeURIComponent(ticket)}` } };
}

// The recording file itself (asciicast v2), not an envelope. Paths come from the
// gateway and must lie inside RECORDINGS_DIR.
export async function recording(ctx: Context) {
  const s = await loadSession(ctx);
  const root = ctx.deps.recordingsDir;
  const file = s.recording_path ? resolve(root, s.recording_path) : null;
  if (!file || !file.startsWith(root + sep)) throw new NotFoundError('recording');
  let size: number;
  try { size = statSync(file).size; } catch { throw new NotFoundError('recording'); }
  ctx.type = s.protocol === 'ssh' ? 'application/x-asciicast' : 'application/octet-stream';
  ctx.length = size;
  ctx.set('Cache-Control', 'private, no-store');
  const ext = s.protocol === 'ssh' ? 'cast' : 'guac';
  if ((ctx.query as Record<string, string>).download === '1') ctx.attachment(`${s.id}.${ext}`);
  ctx.body = createReadStream(file);
}
