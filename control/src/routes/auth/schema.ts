import { z } from 'zod';
import { passwordSchema } from '../../lib/passwords';

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(128),
});
export const refreshSchema = z.strictObject({ refresh_token: z.string().min(10).max(200) });
export const changePasswordSchema = z.strictObject({
  old_password: z.string().min(1, 'required').max(128),
  new_password: passwordSchema,
});
export type LoginInput = z.infer<typeof loginSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
