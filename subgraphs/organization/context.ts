import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import type { SecretBox } from '../../platform/secrets/secret-box.js';
import type { OrganizationLoaders } from './loaders.js';
import type { OrganizationServices } from './organization-services.js';

export interface OrganizationContext extends RequestContext {
  readonly db: PrismaClient;
  readonly loaders: OrganizationLoaders;
  readonly secrets: SecretBox;
  readonly services: OrganizationServices;
  /**
   * Organizations this request may show by id and name although the viewer is not a member:
   * those it discovered through a verified domain or asked to join.
   */
  readonly visibleOrganizationIds: Set<string>;
}
