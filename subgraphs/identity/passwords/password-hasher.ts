import { randomBytes } from 'node:crypto';
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

/** Argon2 version 1.3 (0x13), the one the library writes. */
const CURRENT_ARGON2_VERSION = 19;

export type PasswordCheck =
  { readonly valid: false } | { readonly valid: true; readonly needsRehash: boolean };

/**
 * Every piece of password hashing identity's operations do. Built once at start-up and
 * passed in, so tests can count the work an operation spends.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<PasswordCheck>;
  /**
   * Spends the work of a real verification when there is no account or no password to check,
   * so response time does not tell whether an email is registered.
   */
  verifyDummy(password: string): Promise<void>;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_POLICY);
}

/** The `k=v,...` parameters of a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$...`. */
function phcParameters(segment: string | undefined): Map<string, number> {
  const entries = (segment ?? '').split(',').map((pair) => {
    const [key = '', value = ''] = pair.split('=');
    return [key, Number(value)] as const;
  });
  return new Map(entries);
}

/**
 * Whether a stored hash is weaker than the policy: another variant (argon2i, argon2d), an
 * older version, or any cost below today's. argon2's own `needsRehash` compares the costs
 * only, so an argon2i hash at today's costs would be kept; hence this check of our own. A
 * hash stronger than the policy is kept: lowering the policy must not weaken stored hashes.
 */
export function isBelowPolicy(hash: string): boolean {
  const [, variant, version, costs] = hash.split('$');
  if (variant !== 'argon2id') return true;
  if (phcParameters(version).get('v') !== CURRENT_ARGON2_VERSION) return true;

  const parameters = phcParameters(costs);
  const below = (key: string, minimum: number) => !((parameters.get(key) ?? 0) >= minimum);
  return (
    below('m', PASSWORD_HASH_POLICY.memoryCost) ||
    below('t', PASSWORD_HASH_POLICY.timeCost) ||
    below('p', PASSWORD_HASH_POLICY.parallelism)
  );
}

export async function verifyPassword(hash: string, password: string): Promise<PasswordCheck> {
  const valid = await argon2.verify(hash, password).catch(() => false);
  if (!valid) return { valid: false };
  return { valid: true, needsRehash: isBelowPolicy(hash) };
}

/**
 * The hasher of the policy. The dummy hash is made here, at start-up, so the first sign-in
 * with an unknown email costs exactly what every later one does.
 */
export async function createPasswordHasher(): Promise<PasswordHasher> {
  // A random password: no input can be known to match the dummy.
  const dummyHash = await hashPassword(randomBytes(32).toString('base64url'));
  return {
    hash: hashPassword,
    verify: verifyPassword,
    verifyDummy: async (password) => {
      await verifyPassword(dummyHash, password);
    },
  };
}
