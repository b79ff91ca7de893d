import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { UniqueConstraintError, ValidationError as SequelizeValidationError, ForeignKeyConstraintError } from 'sequelize';
import { Codes } from '@remotegpu/common/codes';
import { AppError, TooManyRequestsError } from '../errors';

// Maps every error to the envelope. Unknown errors are logged with the request id
// and answered as a generic 500: never a stack or SQL.
export async function errorHandler(ctx: Context, next: Next) {
  ctx.state.requestId = randomUUID();
  ctx.set('X-Request-Id', ctx.state.requestId);
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = { code: Codes.NOT_FOUND.code, msg: 'no such route', data: null };
    }
  } catch (err) {
    const e = err as Error & { status?: number; expose?: boolean };
    if (err instanceof AppError) {
      ctx.status = err.status;
      ctx.body = { code: err.code, msg: err.message, data: err.details ?? null };
      if (err instanceof TooManyRequestsError) ctx.set('Retry-After', String(err.retryAfterSeconds));
    } else if (err instanceof UniqueConstraintError) {
      ctx.status = 409;
      ctx.body = { code: Codes.CONFLICT.code, msg: conflictMessage(err), data: null };
    } else if (err instanceof ForeignKeyConstraintError) {
      ctx.status = 409;
      ctx.body = { code: Codes.CONFLICT.code, msg: 'the object is still referenced', data: null };
    } else if (err instanceof SequelizeValidationError) {
      ctx.status = 422;
      ctx.body = { code: Codes.VALIDATION_FAILED.code, msg: 'validation failed', data: null };
    } else if (e.status && e.status >= 400 && e.status < 500 && e.expose) {
      // koa / bodyparser client errors (bad JSON, body too large)
      ctx.status = e.status;
      ctx.body = { code: Codes.BAD_REQUEST.code, msg: e.message, data: null };
    } else {
      ctx.deps.logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { code: Codes.INTERNAL.code, msg: `internal error (request ${ctx.state.requestId})`, data: null };
    }
  }
}

function conflictMessage(err: UniqueConstraintError): string {
  const index = String((err.parent as { constraint?: string })?.constraint ?? '');
  if (index.includes('username')) return 'username already exists';
  if (index.includes('company_code')) return 'company code already exists';
  if (index.includes('machines_name')) return 'machine name already exists';
  if (index.includes('allocations_one_active')) return 'machine already has an active allocation';
  return 'already exists';
}
