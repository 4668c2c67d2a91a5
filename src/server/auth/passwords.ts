import { hash, verify } from '@node-rs/argon2';

/** Minimum password rules, shared by every place that sets one. */
export const PASSWORD_MIN_LENGTH = 10;

/** Hashes a password with argon2id (library defaults: OWASP-recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this keeps response time equal whether or not the account exists.
let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no stored hash it still spends the same time and returns false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
