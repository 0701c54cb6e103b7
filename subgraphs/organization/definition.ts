import {
  EMAIL_VERIFIED_CHANNEL,
  parseEmailVerifiedEvent,
} from '../../platform/auth/email-verified-event.js';
import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import type { OrganizationContext } from './context.js';
import { provisionByVerifiedEmail } from './join-requests/auto-provision.js';
import { createOrganizationLoaders } from './loaders.js';
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
      // Domains with AUTO enrollment take people in as soon as identity verifies them.
      const verifications = await database.notifications.listen(EMAIL_VERIFIED_CHANNEL, {
        onMessage: (payload) => {
          const event = parseEmailVerifiedEvent(payload);
          if (!event) return;
          provisionByVerifiedEmail(db, event)
            .then((joined) => {
              if (joined.length) logger.info({ joined }, 'auto-provisioned by verified email');
            })
            .catch((error: unknown) => logger.error({ err: error }, 'auto-provisioning failed'));
        },
      });
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
        stop: () => verifications.close(),
      };
    },
  };
