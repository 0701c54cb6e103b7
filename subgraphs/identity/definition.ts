import { createMailTransport } from '../../platform/mail/mail-transport.js';
import { startMailWorker } from '../../platform/mail/mail-worker.js';
import { createSignInThrottle } from '../../platform/rate-limit/sign-in-throttle.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import type { IdentityContext } from './context.js';
import { identityVariables } from './identity-config.js';
import type { IdentityServices } from './identity-services.js';
import { identityPermissions } from './permissions.js';
import { identityResolvers } from './resolvers.js';
import { sessionPolicy } from './sessions/session-policy.js';
import { createUserLoader } from './user-loader.js';

/**
 * The identity subgraph: accounts, sign-in, sessions and the tokens every other call carries.
 * Besides serving requests it runs the mail worker that delivers the outbox.
 */
export const identityModule: SubgraphModule<IdentityContext, typeof identityVariables> = {
  name: 'identity',
  variables: identityVariables,
  create: ({ config, settings, database, keys, secrets, revocations, logger }) => {
    const db = database.prisma;
    const throttle = createSignInThrottle({
      redisUrl: settings.redisUrl,
      logger: logger.child({ component: 'sign-in-throttle' }),
    });
    const transport = createMailTransport({
      smtpUrl: config.SMTP_URL,
      dataDir: settings.dataDir,
      logger: logger.child({ component: 'mail' }),
    });
    const worker = startMailWorker({
      db,
      box: secrets,
      transport,
      from: config.MAIL_FROM,
      logger: logger.child({ component: 'mail' }),
      pollIntervalMs: config.MAIL_POLL_INTERVAL_MS,
      backoff: (attempt) => Math.min(config.MAIL_RETRY_BASE_MS * 2 ** (attempt - 1), 900_000),
    });

    const identity: IdentityServices = {
      db,
      secrets,
      keys,
      audience: { issuer: settings.tokenIssuer, audience: settings.tokenAudience },
      sessions: { db, secrets, policy: sessionPolicy(config), revocations },
      throttle,
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
        await worker.stop();
        await transport.close();
        await throttle.close();
      },
    };
  },
};
