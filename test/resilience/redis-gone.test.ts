import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKey } from '../../platform/rate-limit/throttle-keys.js';
import { errorCodes } from '../support/graphql-client.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import {
  createSharedConfig,
  startService,
  stopAllChildren,
  waitFor,
  type ServiceProcess,
  type SharedConfig,
} from '../support/processes.js';
import { privateRedisUnavailable, skipNote } from '../support/external-services.js';
import { scratchDatabaseOrEmbedded, startPrivateRedis, type PrivateRedis } from './peers.js';

// The key prefix identity uses (sign-in-throttle.ts) and the counter of account failures.
const ACCOUNT_FAILURES = 'sign-in-throttle:account-failures';
const WRONG_PASSWORD = 'not the password at all';

const unavailable = privateRedisUnavailable();

// Identity runs alone, so the embedded database serves when TEST_DATABASE_URL is unset.
describe.skipIf(unavailable)(
  `identity when Redis goes away and comes back${skipNote([unavailable])}`,
  () => {
    let database: Awaited<ReturnType<typeof scratchDatabaseOrEmbedded>>;
    let shared: SharedConfig;
    let redis: PrivateRedis;
    let identity: ServiceProcess;

    const operations = () => identityOperations(identity.url);
    const signIn = (email: string, password: string) => operations().signIn({ email, password });
    const failures = (email: string) => redis.entries(`${ACCOUNT_FAILURES}:${accountKey(email)}`);

    async function account(): Promise<string> {
      const email = uniqueEmail('throttled');
      payloadOf(await operations().signUp({ email }), 'signUp');
      return email;
    }

    beforeAll(async () => {
      database = await scratchDatabaseOrEmbedded();
      redis = await startPrivateRedis();
      shared = await createSharedConfig({ databaseUrl: database.url, redisUrl: redis.url });
      identity = await startService({ name: 'identity', env: shared.env });
    });

    afterAll(async () => {
      await stopAllChildren();
      await redis?.destroy();
      await database?.drop();
      await shared?.remove();
    });

    it('counts failures in Redis while it answers, with five free failures', async () => {
      const email = await account();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(errorCodes(await signIn(email, WRONG_PASSWORD))).toEqual(['UNAUTHENTICATED']);
      }
      expect(await failures(email)).toEqual([[`${ACCOUNT_FAILURES}:${accountKey(email)}`, '3']]);

      payloadOf(await signIn(email, STRONG_PASSWORD), 'signIn');
      expect(await failures(email)).toEqual([]);
    });

    it('without Redis, signs in the right password and limits wrong ones after two', async () => {
      const email = await account();
      await redis.kill();

      payloadOf(await signIn(email, STRONG_PASSWORD), 'signIn');

      expect(errorCodes(await signIn(email, WRONG_PASSWORD))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await signIn(email, WRONG_PASSWORD))).toEqual(['UNAUTHENTICATED']);
      const limited = await signIn(email, WRONG_PASSWORD);
      expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
      expect(limited.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    });

    it('counts in Redis again once it is back on the same port', async () => {
      await redis.start();
      const probe = await account();

      // Identity reconnects in the background; each failure lands in Redis once it has.
      await waitFor(
        'a failure counted in the restarted Redis',
        async () => {
          await signIn(probe, WRONG_PASSWORD);
          return (await failures(probe)).length > 0 ? true : undefined;
        },
        { intervalMs: 200 },
      );

      const email = await account();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(errorCodes(await signIn(email, WRONG_PASSWORD))).toEqual(['UNAUTHENTICATED']);
      }
      expect(await failures(email)).toEqual([[`${ACCOUNT_FAILURES}:${accountKey(email)}`, '3']]);
    });
  },
);
