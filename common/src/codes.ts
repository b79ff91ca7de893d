// The one table of error codes. Each code is stable and never reused; the HTTP
// status travels with it. Gateway WebSocket close codes live here too.
export const Codes = {
  OK: { code: 0, status: 200, msg: 'ok' },
  WRONG_PASSWORD: { code: 1001, status: 401, msg: 'wrong password' },
  NO_SUCH_USER: { code: 1002, status: 401, msg: 'no such user' },
  ACCOUNT_DISABLED: { code: 1003, status: 403, msg: 'account disabled' },
  TOKEN_EXPIRED: { code: 1004, status: 401, msg: 'token expired' },
  TOKEN_REVOKED: { code: 1005, status: 401, msg: 'token revoked' },
  MUST_CHANGE_PASSWORD: { code: 1006, status: 403, msg: 'password must be changed first' },
  UNAUTHENTICATED: { code: 1007, status: 401, msg: 'authentication required' },
  TOKEN_INVALID: { code: 1008, status: 401, msg: 'token invalid' },
  VALIDATION_FAILED: { code: 2001, status: 422, msg: 'validation failed' },
  BAD_REQUEST: { code: 2002, status: 400, msg: 'bad request' },
  FORBIDDEN: { code: 3001, status: 403, msg: 'forbidden' },
  NOT_FOUND: { code: 3002, status: 404, msg: 'not found' },
  CONFLICT: { code: 4001, status: 409, msg: 'conflict' },
  ILLEGAL_TRANSITION: { code: 4002, status: 409, msg: 'illegal state transition' },
  TOO_MANY_REQUESTS: { code: 4291, status: 429, msg: 'too many requests' },
  INTERNAL: { code: 5000, status: 500, msg: 'internal error' },
  UNAVAILABLE: { code: 5003, status: 503, msg: 'service unavailable' },
} as const;

export type CodeName = keyof typeof Codes;

// WebSocket close codes the gateway uses on a live socket (4000-4999 are ours).
export const CloseCodes = {
  SSH_ENDED: { code: 4000, reason: 'ssh session ended' },
  TICKET_INVALID: { code: 4001, reason: 'ticket invalid or expired' },
  TARGET_UNREACHABLE: { code: 4002, reason: 'machine unreachable' },
  TARGET_AUTH_FAILED: { code: 4003, reason: 'machine refused the login' },
  TERMINATED: { code: 4004, reason: 'terminated by an administrator' },
  IDLE_TIMEOUT: { code: 4005, reason: 'idle timeout' },
  GATEWAY_SHUTDOWN: { code: 4006, reason: 'gateway shutting down' },
  PROTOCOL_ERROR: { code: 4007, reason: 'protocol error' },
  RECORDING_UNAVAILABLE: { code: 4008, reason: 'recording unavailable' },
  HOST_KEY_MISMATCH: { code: 4009, reason: 'machine host key changed' },
} as const;
