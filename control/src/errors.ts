import { Codes, type CodeName } from '@remotegpu/common/codes';

// Real error classes carrying a catalogue code; one middleware maps them to the envelope.
export class AppError extends Error {
  readonly code: number;
  readonly status: number;
  constructor(name: CodeName, msg?: string, readonly details?: unknown) {
    super(msg ?? Codes[name].msg);
    this.code = Codes[name].code;
    this.status = Codes[name].status;
  }
}
export class NotFoundError extends AppError { constructor(what = 'resource') { super('NOT_FOUND', `${what} not found`); } }
export class ConflictError extends AppError { constructor(msg: string) { super('CONFLICT', msg); } }
export class ForbiddenError extends AppError { constructor(msg = 'forbidden') { super('FORBIDDEN', msg); } }
export class ValidationError extends AppError {
  constructor(msg: string, details?: unknown) { super('VALIDATION_FAILED', msg, details); }
}
export class IllegalTransitionError extends AppError {
  constructor(from: string, to: string) { super('ILLEGAL_TRANSITION', `cannot move from ${from} to ${to}`); }
}
export class TooManyRequestsError extends AppError {
  constructor(msg: string, readonly retryAfterSeconds: number) { super('TOO_MANY_REQUESTS', msg); }
}
