import { randomInt } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { hashPassword } from '../lib/passwords';
import type { User } from '../models';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

// A strong random password of letters and digits (look-alikes 0/O, 1/l/I left out, as it is
// read off a screen and typed). At least one of each kind, so passwordSchema accepts it.
export function generatePassword(length = 16): string {
  const chars = [LETTERS[randomInt(LETTERS.length)], DIGITS[randomInt(DIGITS.length)]];
  while (chars.length < length) chars.push(ALPHABET[randomInt(ALPHABET.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

// Sets a new password that must be changed at the next login; returns the plain text once.
export async function resetPassword(user: User, password: string | undefined, tx: Transaction | undefined): Promise<string> {
  const plain = password ?? generatePassword();
  await user.update({ password_hash: await hashPassword(plain), must_change_password: true, password_changed_at: new Date() },
    { transaction: tx });
  return plain;
}
