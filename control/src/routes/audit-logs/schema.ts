import { z } from 'zod';

const filters = {
  action: z.string().trim().min(1).max(64).optional(),
  resource_type: z.string().trim().min(1).max(64).optional(),
  username: z.string().trim().min(1).max(64).optional(),
  // ISO-8601 with Z or an offset: a time without a zone would be read in the server's.
  from: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a zone' }).transform((s) => new Date(s)).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a zone' }).transform((s) => new Date(s)).optional(),
};

const fromBeforeTo = (f: { from?: Date; to?: Date }) => !f.from || !f.to || f.from <= f.to;
const rangeError = { message: 'must not be after to', path: ['from'] };

export const listAuditLogsSchema = z.strictObject({
  ...filters,
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
}).refine(fromBeforeTo, rangeError);

export const exportAuditLogsSchema = z.strictObject(filters).refine(fromBeforeTo, rangeError);

export type AuditFilters = z.infer<typeof exportAuditLogsSchema>;
export type ListAuditLogsInput = z.infer<typeof listAuditLogsSchema>;
