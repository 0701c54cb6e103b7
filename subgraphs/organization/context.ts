import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import type { OrganizationLoaders } from './loaders.js';

export interface OrganizationContext extends RequestContext {
  readonly db: PrismaClient;
  readonly loaders: OrganizationLoaders;
}
