import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import type { OrganizationContext } from './context.js';
import { createOrganizationLoaders } from './loaders.js';
import { organizationVariables } from './organization-config.js';
import type { OrganizationServices } from './organization-services.js';
import { organizationPermissions } from './permissions.js';
import { organizationResolvers } from './resolvers.js';

export const organizationModule: SubgraphModule<OrganizationContext, typeof organizationVariables> =
  {
    name: 'organization',
    variables: organizationVariables,
    create: ({ database, secrets, config, settings, logger }) => {
      const db = database.prisma;
      const services: OrganizationServices = {
        db,
        secrets,
        config,
        logger,
        production: settings.production,
      };
      return {
        name: 'organization',
        resolvers: organizationResolvers,
        permissions: organizationPermissions,
        createContext: (base) => ({
          ...base,
          db,
          secrets,
          services,
          loaders: createOrganizationLoaders(db, viewerIdOf(base)),
          visibleOrganizationIds: new Set<string>(),
        }),
      };
    },
  };
