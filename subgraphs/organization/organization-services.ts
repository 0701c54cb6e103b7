import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { SecretBox } from '../../platform/secrets/secret-box.js';
import type { CommonSubgraphConfig } from '../../platform/server/subgraph-config.js';
import type { OrganizationConfig } from './organization-config.js';

/** What organization's operations share for the life of the process. */
export interface OrganizationServices {
  readonly db: PrismaClient;
  readonly secrets: SecretBox;
  readonly config: CommonSubgraphConfig & OrganizationConfig;
  readonly logger: Logger;
  /** Whether the process runs in production, where issuers must be HTTPS. */
  readonly production: boolean;
}
