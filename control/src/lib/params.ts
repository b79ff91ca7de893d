import type { Context } from 'koa';
import { NotFoundError } from '../errors';

// Path ids are positive integers; anything else is simply not found.
export function intParam(ctx: Context, name = 'id', what = 'resource'): number {
  const raw = (ctx.params as Record<string, string>)[name];
  if (!/^[1-9][0-9]{0,9}$/.test(raw ?? '') || Number(raw) > 2147483647) throw new NotFoundError(what);
  return Number(raw);
}

export function uuidParam(ctx: Context, name = 'id', what = 'resource'): string {
  const raw = (ctx.params as Record<string, string>)[name] ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) throw new NotFoundError(what);
  return raw.toLowerCase();
}

export function paging(page: number, pageSize: number) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

// LIKE pattern for a user's keyword, with wildcards escaped.
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
