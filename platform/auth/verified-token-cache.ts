import type { AccessTokenClaims } from './access-token.js';

/** Enough for every client of a busy instance; beyond it the oldest entries make room. */
const DEFAULT_CAPACITY = 10_000;

interface Entry {
  readonly claims: AccessTokenClaims;
  /** What the token was verified for; a lookup for another issuer or audience misses. */
  readonly issuer: string;
  readonly audience: string;
  /** The key that verified the signature; the entry dies with that key leaving the ring. */
  readonly kid: string;
  readonly publicKey: CryptoKey;
}

/** Looks up the public key a key ring holds for `kid` now, if any. */
export type CurrentKey = (kid: string) => CryptoKey | undefined;

/**
 * Remembers tokens whose signature already verified, so a client that sends the same access
 * token with every request pays for the ES256 check once instead of on each request; it was
 * the largest part of what authentication added to a request. Only the signature is
 * remembered: lifetime is checked again on every lookup against the caller's clock, the
 * session's revocation is checked by the caller as before, and an entry is void once the key
 * that verified it is no longer in the ring. Failures are never remembered, so every
 * rejected token goes through the full verification and its precise error.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * The claims of `token` if it verified before for the same issuer and audience, is still
   * within its lifetime at `nowSeconds` (with `toleranceSeconds`, as the full check allows)
   * and its key is still trusted.
   */
  lookup(
    token: string,
    options: {
      readonly issuer: string;
      readonly audience: string;
      readonly nowSeconds: number;
      readonly toleranceSeconds: number;
      readonly currentKey: CurrentKey;
    },
  ): AccessTokenClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry || entry.issuer !== options.issuer || entry.audience !== options.audience) {
      return undefined;
    }

    const { claims } = entry;
    const expired = claims.expiresAt <= options.nowSeconds - options.toleranceSeconds;
    const issuedInFuture = claims.issuedAt > options.nowSeconds + options.toleranceSeconds;
    const keyGone = options.currentKey(entry.kid) !== entry.publicKey;
    if (expired || keyGone) {
      this.entries.delete(token);
      return undefined;
    }
    // A clock set before the token's issue is the caller's to judge through the full check.
    return issuedInFuture ? undefined : claims;
  }

  remember(token: string, entry: Entry): void {
    if (this.entries.size >= this.capacity && !this.entries.has(token)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}
