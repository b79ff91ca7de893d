import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { sealTicket } from '@remotegpu/common/ticket';
import { AppError } from '../errors';
import { audit } from '../lib/audit';
import { openMachineSecret } from '../lib/secrets';
import { AccessSession, type Machine } from '../models';

const REACHABLE = new Set(['online', 'allocated', 'maintenance']);

// Opens an access session: checks the machine can take one, writes the session row
// and its audit entry, and seals the single-use ticket the gateway will redeem.
export async function sessionOpener(ctx: Context, machine: Machine, protocol: 'ssh' | 'vnc' | 'rdp') {
  const user = ctx.state.user!;
  if (protocol !== 'ssh') {
    throw new AppError('UNAVAILABLE', ctx.deps.env.GUACD_HOST
      ? 'remote desktop is not set up for this machine yet'
      : 'remote desktop is not available: guacd is not configured (GUACD_HOST)');
  }
  if (!REACHABLE.has(machine.status)) throw new AppError('CONFLICT', `machine is ${machine.status}: it cannot take a session now`);
  if (user.role !== 'admin' && machine.status !== 'allocated') throw new AppError('CONFLICT', `machine is ${machine.status}`);
  const session = await AccessSession.create({ id: randomUUID(), user_id: user.id, machine_id: machine.id,
    tenant_id: user.role === 'admin' ? machine.tenant_id : user.tenant_id, protocol, client_ip: ctx.ip || null },
  { transaction: ctx.state.tx });
  await audit(ctx, { action: 'session_open', resource_type: 'session', resource_id: session.id, tenant_id: session.tenant_id,
    details: { machine_id: machine.id, machine_name: machine.name, protocol } });
  // Admins use the machine's management login; customers the tenant's own account,
  // which allocation will create (until then, the stored login).
  const secret = openMachineSecret(ctx.deps.keys.secrets, machine.ssh_secret_enc);
  const ticket = sealTicket(ctx.deps.keys.ticket, {
    kind: 'ssh', session_id: session.id, user_id: user.id, username: user.username, machine_id: machine.id,
    target: { host: machine.host, port: machine.ssh_port, username: machine.ssh_username,
      ...(machine.ssh_host_key_sha256 ? { host_key_sha256: machine.ssh_host_key_sha256 } : {}),
      ...(machine.ssh_auth_type === 'key' ? { private_key: secret } : { password: secret }) },
  });
  return { session_id: session.id, ticket, ws_url: `/ws/ssh?ticket=${encodeURIComponent(ticket)}` };
}
