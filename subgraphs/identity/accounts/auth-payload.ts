import type { User } from '../../../generated/prisma/client.js';
import { issueAccessToken } from '../../../platform/auth/access-token.js';
import type { IdentityServices } from '../identity-services.js';
import type { SessionGrant } from '../sessions/session-service.js';

export interface AuthPayloadModel {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly user: User;
}

/** What every successful sign-in, sign-up or refresh returns: a fresh pair of tokens. */
export async function authPayload(
  services: IdentityServices,
  user: User,
  grant: SessionGrant,
): Promise<AuthPayloadModel> {
  const access = await issueAccessToken({
    ...services.audience,
    keys: services.keys,
    userId: user.id,
    sessionId: grant.sessionId,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    lifetimeSeconds: services.config.ACCESS_TOKEN_TTL_SECONDS,
  });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: grant.refreshToken,
    user,
  };
}
