import { isIP } from 'node:net';
import { z } from 'zod';

// Strict shapes: nothing a user types can end up in a shell, a config or a URL unchecked.
const hostname = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const hostSchema = z.string().trim().min(1).max(253)
  .refine((h) => isIP(h) !== 0 || hostname.test(h), 'must be a hostname or an IP address');
const name = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore');
const region = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, space, dot, dash');
const sshUser = z.string().min(1).max(32).regex(/^[a-z_][a-z0-9_.-]*$/, 'a Unix user name');
const port = z.coerce.number().int().min(1).max(65535);
const privateKey = z.string().max(16384).regex(/^-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM or OpenSSH private key');
const labels = z.record(z.string().max(64).regex(/^[A-Za-z0-9._/-]+$/), z.string().max(256))
  .refine((l) => Object.keys(l).length <= 50, 'at most 50 labels');
const id = z.coerce.number().int().positive();

const machineFields = {
  name, region, host: hostSchema, ssh_port: port.default(22), ssh_username: sshUser,
  ssh_password: z.string().min(1).max(256).optional(), ssh_private_key: privateKey.optional(), labels: labels.optional(),
};

export const createMachineSchema = z.strictObject(machineFields)
  .refine((b) => Boolean(b.ssh_password) !== Boolean(b.ssh_private_key), { message: 'give either ssh_password or ssh_private_key', path: ['ssh_password'] });
export const patchMachineSchema = z.strictObject({
  name: name.optional(), region: region.optional(), host: hostSchema.optional(), ssh_port: port.optional(),
  ssh_username: sshUser.optional(), ssh_password: machineFields.ssh_password, ssh_private_key: machineFields.ssh_private_key,
  labels: labels.optional(),
  // null forgets the pinned key (machine reinstalled); the next session learns the new one
  ssh_host_key_sha256: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'an OpenSSH SHA256 fingerprint').nullable().optional(),
}).refine((b) => !(b.ssh_password && b.ssh_private_key), { message: 'give either ssh_password or ssh_private_key', path: ['ssh_password'] });
// Rows are checked one by one by the importer, so one bad row cannot sink the batch.
export const importMachinesSchema = z.strictObject({ machines: z.array(z.unknown()).min(1, 'no machines').max(100, 'at most 100 machines at a time') });
export const setStatusSchema = z.strictObject({ status: z.enum(['online', 'maintenance', 'offline']), reason: z.string().max(500).optional() });
export const allocateSchema = z.strictObject({
  tenant_id: id,
  end_at: z.iso.datetime({ offset: true }).or(z.iso.date()).transform((s) => new Date(s))
    .refine((d) => d.getTime() > Date.now(), 'must be in the future'),
});
export const reclaimSchema = z.strictObject({ reason: z.string().trim().min(1, 'required').max(500) });
export const listMachinesSchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['online', 'allocated', 'maintenance', 'offline', 'needs_collect']).optional(),
  region: z.string().max(64).optional(),
  gpu_model: z.string().max(128).optional(),
  tenant_id: id.optional(),
  keyword: z.string().trim().max(100).optional(),
  /** Machines whose current term ends before this time (the dashboard's "ending this week"). */
  ending_before: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
});
export const idParam = id;

export type CreateMachineInput = z.infer<typeof createMachineSchema>;
export type PatchMachineInput = z.infer<typeof patchMachineSchema>;
export type ListMachinesInput = z.infer<typeof listMachinesSchema>;
