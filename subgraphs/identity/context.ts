import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import type { IdentityServices } from './identity-services.js';
import type { UserLoader } from './user-loader.js';

export interface IdentityContext extends RequestContext {
  readonly db: PrismaClient;
  readonly users: UserLoader;
  readonly identity: IdentityServices;
  /**
   * Accounts this request has proven to be the caller's (by password, refresh token or mailed
   * link), so the user it returns may be read before any access token exists.
   */
  readonly provenUserIds: Set<string>;
}
