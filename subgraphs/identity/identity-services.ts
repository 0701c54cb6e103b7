import type { PrismaClient } from '../../generated/prisma/client.js';
import type { TokenAudience } from '../../platform/auth/access-token.js';
import type { KeyRing } from '../../platform/auth/key-ring.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { SignInThrottle } from '../../platform/rate-limit/sign-in-throttle.js';
import type { SecretBox } from '../../platform/secrets/secret-box.js';
import type { CommonSubgraphConfig } from '../../platform/server/subgraph-config.js';
import type { IdentityConfig } from './identity-config.js';
import type { PasswordHasher } from './passwords/password-hasher.js';
import type { SessionServices } from './sessions/session-service.js';

/** What identity's operations share for the life of the process. */
export interface IdentityServices {
  readonly db: PrismaClient;
  readonly secrets: SecretBox;
  readonly keys: KeyRing;
  readonly audience: TokenAudience;
  readonly sessions: SessionServices;
  readonly throttle: SignInThrottle;
  readonly passwords: PasswordHasher;
  /** Loaded at start-up, lower-cased; see `loadCommonPasswords`. */
  readonly commonPasswords: ReadonlySet<string>;
  /** The time every expiry, grace window and interval is measured against; tests move it. */
  readonly clock: () => Date;
  /** Asks the mail worker to deliver now rather than at its next poll. */
  readonly wakeMail: () => void;
  readonly config: CommonSubgraphConfig & IdentityConfig;
  readonly logger: Logger;
}
