import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import type { UserLoader } from './user-loader.js';

export interface IdentityContext extends RequestContext {
  readonly db: PrismaClient;
  readonly users: UserLoader;
}
