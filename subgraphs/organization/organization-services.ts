import type { Dispatcher } from 'undici';
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
  /** Whether the process runs in production (redirect URI rules). */
  readonly production: boolean;
  /** Whether NODE_ENV is development, the only place a plain-HTTP issuer is accepted. */
  readonly development: boolean;
  /** How issuer discovery connects: trusting OAUTH_ISSUER_CA_FILE too when it is set. */
  readonly discoveryDispatcher: Dispatcher | undefined;
}
