import { createHash, randomBytes } from 'node:crypto';

/**
 * An opaque secret for the client: 256 bits from the CSPRNG, base64url, with a prefix that
 * names its kind so a token pasted in the wrong place is recognisable in a support request.
 */
export function newOpaqueToken(prefix: 'rt' | 'ev' | 'pr' | 'inv'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * What we store instead of the token. A fast hash is enough: the input has 256 bits of
 * entropy, so there is nothing to guess that a slow hash would protect.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
