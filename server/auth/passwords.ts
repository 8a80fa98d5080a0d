/**
 * Staff passwords, hashed with Argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane). A login
 * for an unknown email still verifies against a dummy hash, so the answer's timing does not tell
 * which emails have accounts.
 */
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_LENGTH } from '../../src/api/staff-fields.ts';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_LENGTH.min)
    return `A password has at least ${PASSWORD_LENGTH.min} characters.`;
  if (password.length > PASSWORD_LENGTH.max)
    return `A password has at most ${PASSWORD_LENGTH.max} characters.`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | null = null;

/** Whether `password` matches `stored`; `stored` null (no such account) costs the same and fails. */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_LENGTH.max) return false;
  if (stored === null) {
    dummy ??= hashPassword('no account has this password, it only takes the time a real check takes');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
