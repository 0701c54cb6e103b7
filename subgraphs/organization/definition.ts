import { EMAIL_VERIFIED_CHANNEL } from '../../platform/events/email-verified-events.js';
import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import { startOrganizationSweeper } from './background/organization-sweeper.js';
import type { OrganizationContext } from './context.js';
import { createOrganizationLoaders } from './loaders.js';
import { createDiscoveryDispatcher } from './oauth-configs/discovery-dispatcher.js';
import { organizationVariables } from './organization-config.js';
import type { OrganizationServices } from './organization-services.js';
import { organizationPermissions } from './permissions.js';
import { organizationResolvers } from './resolvers.js';

export const organizationModule: SubgraphModule<OrganizationContext, typeof organizationVariables> =
  {
    name: 'organization',
    variables: organizationVariables,
    create: async ({ database, secrets, config, settings, logger }) => {
      const db = database.prisma;
      const discoveryDispatcher = await createDiscoveryDispatcher(config.OAUTH_ISSUER_CA_FILE);
      // Domains with AUTO enrollment take people in as soon as identity verifies them. The
      // NOTIFY only wakes the sweep; the events table is what it reads, so an event sent
      // while this service was down is handled at its next start.
      const sweeper = startOrganizationSweeper({
        db,
        logger,
        intervalMs: config.ORGANIZATION_SWEEP_INTERVAL_MS,
      });
      const verifications = await database.notifications
        .listen(EMAIL_VERIFIED_CHANNEL, { onMessage: () => void sweeper.run() })
        .catch(async (error: unknown) => {
          await sweeper.stop();
          throw error;
        });
      const services: OrganizationServices = {
        db,
        secrets,
        config,
        logger,
        production: settings.production,
        development: config.NODE_ENV === 'development',
        discoveryDispatcher,
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
        stop: async () => {
          await verifications.close();
          await sweeper.stop();
          await discoveryDispatcher?.close();
        },
      };
    },
  };
