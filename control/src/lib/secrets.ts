import { open, seal } from '@remotegpu/common/sealed';

// A machine's SSH password or private key, sealed at rest (AES-256-GCM) and opened
// only to build a gateway ticket or run the SSH executor.
const AAD = 'machine-ssh-secret';
export const sealMachineSecret = (key: Buffer, plain: string) => seal(key, plain, AAD);
export function openMachineSecret(key: Buffer, sealed: string): string {
  const plain = open(key, sealed, AAD);
  if (!plain) throw new Error('machine secret cannot be opened: was REMOTEGPU_SECRET_KEY changed?');
  return plain.toString('utf8');
}
