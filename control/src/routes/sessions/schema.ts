import { z } from 'zod';

export const openSessionSchema = z.strictObject({ protocol: z.enum(['ssh', 'vnc', 'rdp']) });
export const listSessionsSchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['pending', 'active', 'closed', 'terminated', 'failed']).optional(),
  protocol: z.enum(['ssh', 'vnc', 'rdp']).optional(),
  machine_id: z.coerce.number().int().positive().optional(),
  user_id: z.coerce.number().int().positive().optional(),
});
export const recordingQuerySchema = z.strictObject({ download: z.enum(['0', '1']).optional() });
export type ListSessionsInput = z.infer<typeof listSessionsSchema>;
