import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { identityOperations, payloadOf, uniqueEmail } from '../support/identity-operations.js';
import {
  createSharedConfig,
  SUBGRAPH_NAMES,
  startStack,
  stopAllChildren,
  waitFor,
  type ServiceProcess,
  type SharedConfig,
  type Stack,
} from '../support/processes.js';
import { privatePostgresUnavailable, skipNote } from '../support/external-services.js';
import { expectNothingLeaked } from './masked-errors.js';
import {
  createScratchDatabase,
  startPrivatePostgres,
  type PrivatePostgres,
  type ScratchDatabase,
} from './peers.js';

const FEED_RESTORED = 'revocation feed restored';

interface Readiness {
  readonly status: number;
  readonly database: unknown;
}

async function readiness(service: ServiceProcess): Promise<Readiness> {
  const response = await fetch(`${service.origin}/ready`);
  const body = (await response.json()) as { checks?: { database?: unknown } };
  return { status: response.status, database: body.checks?.database };
}

/** Polls every subgraph's `/ready` until all report `status`. */
async function untilAllReady(stack: Stack, status: 200 | 503): Promise<void> {
  for (const name of SUBGRAPH_NAMES) {
    await waitFor(`${name} /ready to answer ${status}`, async () => {
      const ready = await readiness(stack.subgraphs[name]);
      return ready.status === status ? ready : undefined;
    });
  }
}

function occurrences(text: string, message: string): number {
  return text.split(`"msg":"${message}"`).length - 1;
}

const unavailable = privatePostgresUnavailable();

// A cluster of the suite's own, so stopping it harms no other suite.
describe.skipIf(unavailable)(
  `PostgreSQL restarted under running services${skipNote([unavailable])}`,
  () => {
    let cluster: PrivatePostgres;
    let database: ScratchDatabase;
    let shared: SharedConfig;
    let stack: Stack;

    const operations = () => identityOperations(stack.gateway.url);
    const mySolutions = (token: string) =>
      postGraphQL(stack.gateway.url, { query: '{ mySolutions { id } }' }, { token });

    beforeAll(async () => {
      cluster = await startPrivatePostgres();
      database = await createScratchDatabase(cluster.serverUrl);
      // At info level, so the test can read when each revocation feed is back.
      shared = await createSharedConfig({ databaseUrl: database.url, env: { LOG_LEVEL: 'info' } });
      stack = await startStack({ env: shared.env, gatewayEnv: { LOG_LEVEL: 'warn' } });
    });

    afterAll(async () => {
      await stopAllChildren();
      await cluster?.destroy();
      await shared?.remove();
    });

    it('reports not ready while the database is down and recovers without a restart', async () => {
      const email = uniqueEmail('restart');
      const before = payloadOf(await operations().signUp({ email }), 'signUp');
      await untilAllReady(stack, 200);

      await cluster.stop();
      await untilAllReady(stack, 503);
      for (const name of SUBGRAPH_NAMES) {
        expect(await readiness(stack.subgraphs[name])).toEqual({ status: 503, database: 'down' });
      }
      const duringOutage = await operations().me(before.accessToken);
      expect(duringOutage.body.data?.me ?? null).toBeNull();
      expect(errorCodes(duringOutage).length).toBeGreaterThan(0);
      expectNothingLeaked(duringOutage);

      await cluster.start();
      await untilAllReady(stack, 200);

      const me = await operations().me(before.accessToken);
      expect(me.body.errors).toBeUndefined();
      expect(me.body.data?.me).toMatchObject({ id: before.user.id, email });
    });

    it('takes a sign-out made after recovery into account on the next request', async () => {
      // Each subgraph says so once its LISTEN connection is back and the set reloaded; from
      // then on a revocation reaches it only through the feed, not by asking the database.
      for (const name of SUBGRAPH_NAMES) {
        const child = stack.subgraphs[name].child();
        await waitFor(`${name}'s revocation feed`, () =>
          occurrences(child.output(), FEED_RESTORED) > 0 ? true : undefined,
        );
      }

      const signedUp = payloadOf(
        await operations().signUp({ email: uniqueEmail('after') }),
        'signUp',
      );
      const token = signedUp.accessToken;
      expect((await mySolutions(token)).body).toEqual({ data: { mySolutions: [] } });

      expect((await operations().signOut(token)).body).toEqual({ data: { signOut: true } });
      // Function learns of the sign-out only through the feed: it did not make it.
      expect(errorCodes(await mySolutions(token))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await operations().me(token))).toEqual(['UNAUTHENTICATED']);
    });
  },
);
