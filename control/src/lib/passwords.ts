import bcrypt from 'bcryptjs';
import { z } from 'zod';

export const DEFAULT_PASSWORD = 'ChangeME_123';
const ROUNDS = 10;

// At least 8 characters with letters and digits (stricter than the seed's 6).
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(128)
  .regex(/[A-Za-z]/, 'must contain a letter').regex(/[0-9]/, 'must contain a digit');

export const hashPassword = (plain: string) => bcrypt.hash(plain, ROUNDS);
export const checkPassword = (plain: string, hashed: string) => bcrypt.compare(plain, hashed);
