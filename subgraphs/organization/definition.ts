import type { PrismaClient } from '../../generated/prisma/client.js';
import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-service.js';
import type { OrganizationContext } from './context.js';
import { createOrganizationLoaders } from './loaders.js';
import { organizationPermissions } from './permissions.js';
import { organizationResolvers } from './resolvers.js';

export function organizationSubgraph(db: PrismaClient): SubgraphDefinition<OrganizationContext> {
  return {
    name: 'organization',
    resolvers: organizationResolvers,
    permissions: organizationPermissions,
    createContext: (base) => ({
      ...base,
      db,
      loaders: createOrganizationLoaders(db, viewerIdOf(base)),
    }),
  };
}
