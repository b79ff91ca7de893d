import { CloseCodes } from '@remotegpu/common/codes';
import type { SessionOutcome } from './metrics';

// How a terminal session ended: what control is told, what the page is told, and
// the WebSocket close code. One place maps SSH errors to readable reasons.

export interface Outcome {
  status: SessionOutcome;
  reason: string;
  closeCode: number;
}

type SshError = Error & { level?: string; code?: string };

/** The outcome for an ssh2 client error; `ready` is whether login had succeeded. */
export function outcomeForSshError(err: SshError, ready: boolean): Outcome {
  if (err.level === 'client-authentication') {
    return { status: 'failed', reason: 'authentication failed', closeCode: CloseCodes.TARGET_AUTH_FAILED.code };
  }
  if (/Host denied/.test(err.message)) {
    return { status: 'failed', reason: CloseCodes.HOST_KEY_MISMATCH.reason, closeCode: CloseCodes.HOST_KEY_MISMATCH.code };
  }
  if (err.level === 'client-timeout') {
    return { status: 'failed', reason: 'machine unreachable: timed out', closeCode: CloseCodes.TARGET_UNREACHABLE.code };
  }
  const what = err.code ?? (err.level === 'protocol' || err.level === 'handshake' ? 'ssh handshake failed' : err.message);
  const reason = ready ? `connection to machine lost: ${what}` : `machine unreachable: ${what}`;
  return { status: 'failed', reason, closeCode: CloseCodes.TARGET_UNREACHABLE.code };
}

export const Outcomes = {
  browserClosed: (): Outcome => ({ status: 'closed', reason: 'browser closed the terminal', closeCode: 1000 }),
  shellEnded: (exitCode: number | null, signal: string | null): Outcome => ({
    status: 'closed',
    reason: signal ? `shell killed by ${signal}` : exitCode !== null ? `shell exited with code ${exitCode}` : CloseCodes.SSH_ENDED.reason,
    closeCode: CloseCodes.SSH_ENDED.code,
  }),
  connectionLost: (ready: boolean): Outcome => ({
    status: 'failed',
    reason: ready ? 'connection to machine lost' : 'machine unreachable: connection closed',
    closeCode: CloseCodes.TARGET_UNREACHABLE.code,
  }),
  shellRefused: (message: string): Outcome => ({
    status: 'failed', reason: `machine refused a shell: ${message}`, closeCode: CloseCodes.SSH_ENDED.code,
  }),
  recordingUnavailable: (): Outcome => ({
    // Every session is recorded; one that cannot be is not opened.
    status: 'failed', reason: CloseCodes.RECORDING_UNAVAILABLE.reason, closeCode: CloseCodes.RECORDING_UNAVAILABLE.code,
  }),
  terminated: (): Outcome => ({ status: 'terminated', reason: CloseCodes.TERMINATED.reason, closeCode: CloseCodes.TERMINATED.code }),
  browserGone: (): Outcome => ({ status: 'closed', reason: 'browser stopped answering pings', closeCode: 1001 }),
  shutdown: (): Outcome => ({ status: 'closed', reason: CloseCodes.GATEWAY_SHUTDOWN.reason, closeCode: CloseCodes.GATEWAY_SHUTDOWN.code }),
};
