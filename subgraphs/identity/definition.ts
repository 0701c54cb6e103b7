import { CLOCK_TOLERANCE_SECONDS } from '../../platform/auth/access-token.js';
import { mailBackoff } from '../../platform/mail/backoff.js';
import { createMailTransport } from '../../platform/mail/mail-transport.js';
import { startMailWorker } from '../../platform/mail/mail-worker.js';
import { createSignInThrottle } from '../../platform/rate-limit/sign-in-throttle.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import type { IdentityContext } from './context.js';
import { identityVariables } from './identity-config.js';
import type { IdentityServices } from './identity-services.js';
import { startIdentitySweeper } from './maintenance/sweeper.js';
import { loadCommonPasswords } from './passwords/common-passwords.js';
import { createPasswordHasher, type PasswordHasher } from './passwords/password-hasher.js';
import { identityPermissions } from './permissions.js';
import { identityResolvers } from './resolvers.js';
import { sessionPolicy } from './sessions/session-policy.js';
import { createUserLoader } from './user-loader.js';

const HOUR_MS = 3_600_000;

/** What a test may replace when it starts identity: the clock, and the password hasher. */
export interface IdentityOverrides {
  readonly clock?: () => Date;
  /** Given the real hasher, returns the one to use, e.g. one that counts its calls. */
  readonly passwordHasher?: (real: PasswordHasher) => PasswordHasher;
}

/**
 * The identity subgraph: accounts, sign-in, sessions and the tokens every other call carries.
 * Besides serving requests it runs the mail worker that delivers the outbox and the sweeper
 * that drops what has expired.
 */
export function createIdentityModule(
  overrides: IdentityOverrides = {},
): SubgraphModule<IdentityContext, typeof identityVariables> {
  const clock = overrides.clock ?? (() => new Date());

  return {
    name: 'identity',
    variables: identityVariables,
    create: async ({ config, settings, database, keys, secrets, revocations, logger }) => {
      const db = database.prisma;
      // Both before the first request: neither the 8.5 MB list nor the dummy hash may fall
      // on a request's time.
      const commonPasswords = await loadCommonPasswords();
      const realHasher = await createPasswordHasher();
      const passwords = overrides.passwordHasher?.(realHasher) ?? realHasher;

      const throttle = createSignInThrottle({
        redisUrl: settings.redisUrl,
        keyPrefix: config.RATE_LIMIT_PREFIX,
        logger: logger.child({ component: 'sign-in-throttle' }),
      });
      const transport = createMailTransport({
        smtpUrl: config.SMTP_URL,
        dataDir: settings.dataDir,
        logger: logger.child({ component: 'mail' }),
      });
      const mailRetryForMs = config.MAIL_RETRY_HOURS * HOUR_MS;
      const worker = startMailWorker({
        db,
        box: secrets,
        transport,
        from: config.MAIL_FROM,
        logger: logger.child({ component: 'mail' }),
        pollIntervalMs: config.MAIL_POLL_INTERVAL_MS,
        retryForMs: mailRetryForMs,
        backoff: (attempt) =>
          mailBackoff(attempt, {
            baseMs: config.MAIL_RETRY_BASE_MS,
            maxMs: config.MAIL_RETRY_MAX_MS,
          }),
      });
      const sweeper = startIdentitySweeper({
        db,
        clock,
        logger: logger.child({ component: 'sweeper' }),
        graceSeconds: config.REFRESH_GRACE_SECONDS,
        retention: {
          revocationHorizonSeconds: config.ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
          mailRetentionMs: config.MAIL_RETENTION_DAYS * 24 * HOUR_MS,
          mailRetryForMs,
        },
        successorIntervalMs: config.REFRESH_GRACE_SECONDS * 1000,
        retentionIntervalMs: config.CLEANUP_INTERVAL_MINUTES * 60_000,
      });

      const sessions = {
        db,
        secrets,
        policy: sessionPolicy(config),
        revocations,
        clock,
        logger: logger.child({ component: 'sessions' }),
      };
      const identity: IdentityServices = {
        db,
        secrets,
        keys,
        audience: { issuer: settings.tokenIssuer, audience: settings.tokenAudience },
        sessions,
        throttle,
        passwords,
        commonPasswords,
        clock,
        wakeMail: () => worker.wake(),
        config,
        logger,
      };

      return {
        name: 'identity',
        resolvers: identityResolvers,
        permissions: identityPermissions,
        createContext: (base) => ({
          ...base,
          db,
          users: createUserLoader(db),
          identity,
          provenUserIds: new Set<string>(),
        }),
        stop: async () => {
          await sweeper.stop();
          await worker.stop();
          await transport.close();
          await throttle.close();
        },
      };
    },
  };
}

export const identityModule = createIdentityModule();
