import pino from 'pino';

// Secrets never reach the log: any field with these names is censored.
const redact = [
  'password', '*.password', 'ssh_password', '*.ssh_password', 'ssh_private_key', '*.ssh_private_key',
  'access_token', 'refresh_token', '*.access_token', '*.refresh_token', 'ticket', '*.ticket',
  'req.headers.authorization', 'headers.authorization', 'old_password', 'new_password',
];

export function createLogger(name: string, level = 'info') {
  return pino({ name, level, redact: { paths: redact, censor: '[redacted]' } });
}

export type Logger = ReturnType<typeof createLogger>;
