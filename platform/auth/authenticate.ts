import {
  AccessTokenError,
  verifyAccessToken,
  type VerifyAccessTokenOptions,
} from './access-token.js';
import { readBearerToken } from './bearer-token.js';
import type { Viewer } from './viewer.js';

/**
 * What the request proved about its caller. An invalid token does not fail the request by
 * itself: operations open to everyone still work, and rules that need a viewer report why.
 */
export type Authentication =
  | { readonly status: 'anonymous' }
  | { readonly status: 'authenticated'; readonly viewer: Viewer }
  | {
      readonly status: 'rejected';
      readonly reason: 'expired' | 'invalid' | 'revoked';
      readonly message: string;
    };

/** Tells whether a session has ended; see session-revocations.ts. */
export interface RevocationCheck {
  isRevoked(sessionId: string): Promise<boolean>;
}

export const ANONYMOUS: Authentication = { status: 'anonymous' };

export async function authenticate(
  authorization: string | undefined,
  options: VerifyAccessTokenOptions,
  revocations?: RevocationCheck,
): Promise<Authentication> {
  const bearer = readBearerToken(authorization);
  switch (bearer.kind) {
    case 'absent':
      return ANONYMOUS;
    case 'malformed':
      return {
        status: 'rejected',
        reason: 'invalid',
        message: 'The Authorization header is not a Bearer token.',
      };
    case 'present':
      break;
  }

  try {
    const claims = await verifyAccessToken(bearer.token, options);
    if (await revocations?.isRevoked(claims.sessionId)) {
      return {
        status: 'rejected',
        reason: 'revoked',
        message: 'The session has ended; sign in again.',
      };
    }
    return { status: 'authenticated', viewer: claims };
  } catch (error) {
    if (!(error instanceof AccessTokenError)) throw error;
    return { status: 'rejected', reason: error.reason, message: error.message };
  }
}
