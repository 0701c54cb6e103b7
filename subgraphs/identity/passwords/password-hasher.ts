import argon2 from 'argon2';

/**
 * Argon2id at OWASP's minimum for it (19 MiB, 2 iterations, 1 lane; Password Storage Cheat
 * Sheet). Raising any of these makes sign-in rehash stored passwords as they are used.
 */
export const PASSWORD_HASH_POLICY = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export type PasswordCheck =
  { readonly valid: false } | { readonly valid: true; readonly needsRehash: boolean };

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_POLICY);
}

export async function verifyPassword(hash: string, password: string): Promise<PasswordCheck> {
  const valid = await argon2.verify(hash, password).catch(() => false);
  if (!valid) return { valid: false };
  return { valid: true, needsRehash: argon2.needsRehash(hash, PASSWORD_HASH_POLICY) };
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real verification when there is no account or no password to
 * check, so response time does not tell whether an email is registered.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy password that no account can have');
  await argon2.verify(await dummyHash, password).catch(() => false);
}
