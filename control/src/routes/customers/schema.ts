import { z } from 'zod';
import { passwordSchema } from '../../lib/passwords';

export const listCustomersSchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  keyword: z.string().trim().max(100).optional(),
});

export const createCustomerSchema = z.strictObject({
  username: z.string().trim().min(3, 'at least 3 characters').max(32, 'at most 32 characters')
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter and hold only letters, digits, _ . -'),
  company_code: z.string().trim().min(2, 'at least 2 characters').max(32, 'at most 32 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must start with a letter or digit and hold only letters, digits, _ -'),
  email: z.string().trim().max(254).pipe(z.email('must be a valid email')),
  phone: z.string().trim().regex(/^\+?[0-9 -]{5,20}$/, 'must be 5-20 digits, spaces or dashes, optionally after +').optional(),
  password: passwordSchema.optional(),
});

export const resetPasswordSchema = z.strictObject({ password: passwordSchema.optional() });

// disable / enable take no body; an unexpected field is still refused.
export const noBodySchema = z.strictObject({});

export type ListCustomersInput = z.infer<typeof listCustomersSchema>;
export type CreateCustomerInput = z.infer<typeof createCustomerSchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
