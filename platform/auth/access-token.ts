import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWSHeaderParameters } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_TYPE } from './algorithm.js';
import { KeyNotFoundError, type KeyRing } from './key-ring.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** Who may accept our tokens and who issued them; the same on every service. */
export interface TokenAudience {
  readonly issuer: string;
  readonly audience: string;
}

/** The claims of a verified access token (RFC 9068, section 2.2). */
export interface AccessTokenClaims {
  readonly userId: string;
  readonly sessionId: string;
  /**
   * The account's address and whether it was verified when the token was issued (OpenID
   * Connect Core 1.0, section 5.1). An address only ever becomes verified, so a stale
   * `false` errs on the safe side; refreshing brings it up to date.
   */
  readonly email: string;
  readonly emailVerified: boolean;
  readonly tokenId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface IssueAccessTokenOptions extends TokenAudience {
  readonly keys: KeyRing;
  readonly userId: string;
  readonly sessionId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly lifetimeSeconds: number;
  readonly now?: Date;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly tokenId: string;
  readonly expiresAt: Date;
}

/** Allowed skew between our services' clocks when checking `exp`, `iat` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 5;

export async function issueAccessToken(
  options: IssueAccessTokenOptions,
): Promise<IssuedAccessToken> {
  const { kid, privateKey } = options.keys.signingKey();
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + options.lifetimeSeconds;
  const tokenId = randomUUID();

  const token = await new SignJWT({
    sid: options.sessionId,
    email: options.email,
    email_verified: options.emailVerified,
  })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.userId)
    .setJti(tokenId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(privateKey);

  return { token, tokenId, expiresAt: new Date(expiresAt * 1000) };
}

/** Why a presented token was refused; the client sees a message, never the token. */
export type AccessTokenFailure = 'expired' | 'invalid';

export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';

  constructor(
    readonly reason: AccessTokenFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface VerifyAccessTokenOptions extends TokenAudience {
  readonly keys: KeyRing;
  readonly now?: Date;
  /**
   * Whether a token verified before may skip the signature check (the default), and a token
   * verified now is remembered; false always runs the full check, as the first request does.
   */
  readonly rememberVerified?: boolean;
}

/** One cache per key ring, that is per service: what a ring verified only it may vouch for. */
const verifiedTokens = new WeakMap<KeyRing, VerifiedTokenCache>();

function cacheOf(keys: KeyRing): VerifiedTokenCache {
  let cache = verifiedTokens.get(keys);
  if (!cache) {
    cache = new VerifiedTokenCache();
    verifiedTokens.set(keys, cache);
  }
  return cache;
}

/**
 * Verifies signature, algorithm, type, issuer, audience, lifetime and the required claims.
 * Anything that is not exactly one of our access tokens (a refresh token, an ID token from
 * an identity provider, a token for another audience) fails here.
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenClaims> {
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const cache = options.rememberVerified === false ? undefined : cacheOf(options.keys);
  const remembered = cache?.lookup(token, {
    issuer: options.issuer,
    audience: options.audience,
    nowSeconds,
    toleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    currentKey: options.keys.publicKeyOf,
  });
  if (remembered) return remembered;

  let payload: Record<string, unknown>;
  let verifiedWith: { kid: string; publicKey: CryptoKey } | undefined;
  const resolveKey = async (header: JWSHeaderParameters) => {
    const publicKey = await options.keys.verificationKey(header);
    verifiedWith = { kid: String(header.kid), publicKey };
    return publicKey;
  };
  try {
    const verified = await jwtVerify(token, resolveKey, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      typ: ACCESS_TOKEN_TYPE,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['sub', 'sid', 'jti', 'iat', 'exp', 'email', 'email_verified'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: options.now,
    });
    payload = verified.payload;
  } catch (error) {
    throw translateVerificationError(error);
  }

  const { sub, sid, jti, iat, exp, email, email_verified: emailVerified } = payload;
  if (
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    typeof jti !== 'string' ||
    typeof email !== 'string' ||
    typeof emailVerified !== 'boolean'
  ) {
    throw new AccessTokenError('invalid', 'The access token has malformed claims.');
  }

  // jose checks `nbf` but not a future `iat`; we issued none, so one means forgery or a
  // clock gone wrong, and either way the token is not to be trusted.
  if (Number(iat) > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new AccessTokenError('invalid', 'The access token is invalid.');
  }
  const claims: AccessTokenClaims = {
    userId: sub,
    sessionId: sid,
    email,
    emailVerified,
    tokenId: jti,
    issuedAt: Number(iat),
    expiresAt: Number(exp),
  };
  if (cache && verifiedWith) {
    cache.remember(token, {
      claims,
      issuer: options.issuer,
      audience: options.audience,
      ...verifiedWith,
    });
  }
  return claims;
}

function translateVerificationError(error: unknown): AccessTokenError {
  if (error instanceof joseErrors.JWTExpired) {
    return new AccessTokenError('expired', 'The access token has expired.', { cause: error });
  }
  if (error instanceof KeyNotFoundError) {
    return new AccessTokenError('invalid', error.message, { cause: error });
  }
  return new AccessTokenError('invalid', 'The access token is invalid.', { cause: error });
}
