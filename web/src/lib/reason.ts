import { t, type MessageKey } from './i18n/index.svelte';

// The gateway states why a session ended in English (it is also what the audit log
// keeps). People read it in their language: known reasons are translated, with the
// technical detail (exit code, error code) kept after a colon.
const KNOWN: Array<[RegExp, MessageKey]> = [
  [/^browser closed/, 'reason.browserClosed'],
  [/^browser stopped/, 'reason.browserGone'],
  [/^authentication failed|refused the login/, 'reason.authFailed'],
  [/^machine unreachable/, 'reason.unreachable'],
  [/^connection to machine lost/, 'reason.lost'],
  [/^shell (exited|killed)|^ssh session ended/, 'reason.shellEnded'],
  [/^machine refused a shell/, 'reason.shellRefused'],
  [/^terminated by an administrator/, 'reason.terminated'],
  [/^gateway shutting down/, 'reason.shutdown'],
  [/^recording unavailable/, 'reason.recording'],
  [/^ticket never used/, 'reason.neverConnected'],
  [/^gateway lost/, 'reason.gatewayLost'],
  [/^ticket/, 'reason.ticket'],
  [/^machine host key changed/, 'reason.hostKey'],
];

export function reasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  const hit = KNOWN.find(([re]) => re.test(reason));
  if (!hit) return reason;
  if (hit[1] === 'reason.neverConnected' || hit[1] === 'reason.gatewayLost') return t(hit[1]);
  const detail = reason.match(/: (.+)$/)?.[1] ?? reason.match(/(code \d+|by SIG\w+)$/)?.[1];
  return detail ? `${t(hit[1])}: ${detail}` : t(hit[1]);
}
