import type { Context } from 'koa';
import { audit } from '../lib/audit';
import { sealMachineSecret } from '../lib/secrets';
import { Machine } from '../models';
import type { CreateMachineInput, PatchMachineInput } from '../routes/machines/schema';

// Adding a machine stores its SSH login sealed at rest. It starts offline until
// enrolment (or an admin, by hand) marks it online.
export async function machineCreator(ctx: Context, input: CreateMachineInput): Promise<Machine> {
  const { secrets } = ctx.deps.keys;
  const machine = await Machine.create({
    name: input.name, region: input.region, host: input.host, ssh_port: input.ssh_port, ssh_username: input.ssh_username,
    ssh_auth_type: input.ssh_private_key ? 'key' : 'password',
    ssh_secret_enc: sealMachineSecret(secrets, (input.ssh_private_key ?? input.ssh_password)!),
    labels: input.labels ?? {}, status: 'offline', status_reason: 'not enrolled yet',
  }, { transaction: ctx.state.tx });
  await audit(ctx, { action: 'create_machine', resource_type: 'machine', resource_id: machine.id,
    details: { name: machine.name, host: machine.host, ssh_port: machine.ssh_port } });
  return machine;
}

export async function machineUpdater(ctx: Context, machine: Machine, input: PatchMachineInput): Promise<Machine> {
  const { ssh_password, ssh_private_key, ...plain } = input;
  const changes: Partial<Machine> = { ...plain };
  // Another address is another machine as far as its host key goes.
  const moved = (input.host && input.host !== machine.host) || (input.ssh_port && input.ssh_port !== machine.ssh_port);
  if (moved && input.ssh_host_key_sha256 === undefined) changes.ssh_host_key_sha256 = null;
  if (ssh_password || ssh_private_key) {
    changes.ssh_auth_type = ssh_private_key ? 'key' : 'password';
    changes.ssh_secret_enc = sealMachineSecret(ctx.deps.keys.secrets, (ssh_private_key ?? ssh_password)!);
  }
  await machine.update(changes, { transaction: ctx.state.tx });
  await audit(ctx, { action: 'update_machine', resource_type: 'machine', resource_id: machine.id,
    details: { fields: Object.keys(input).map((k) => (k.startsWith('ssh_p') ? 'ssh_secret' : k)) } });
  return machine;
}
