import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import type { OrganizationContext } from './context.js';
import { createOrganizationLoaders } from './loaders.js';
import { organizationPermissions } from './permissions.js';
import { organizationResolvers } from './resolvers.js';

export const organizationModule: SubgraphModule<OrganizationContext, Record<never, never>> = {
  name: 'organization',
  variables: {},
  create: ({ database }) => {
    const db = database.prisma;
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
  },
};
