import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client.js';
import { identityOperations, payloadOf, uniqueEmail } from '../support/identity-operations.js';
import {
  createSharedConfig,
  startStack,
  stopAllChildren,
  waitFor,
  type SharedConfig,
  type Stack,
} from '../support/processes.js';
import { NEEDS_TEST_DATABASE_URL, skipNote } from '../support/external-services.js';
import { createScratchDatabase, type ScratchDatabase } from './peers.js';
import { expectMaskedUpstreamError } from './masked-errors.js';

const ME = '{ me { id email memberships { role } } }';
const CLIENTS = 4;
const REQUESTS_PER_CLIENT = 60;
const KILL_AFTER = 80;

type Outcome = 'full' | 'partial';

/** Where the organization process was: running, being killed, or gone. */
type Phase = 'up' | 'killing' | 'down';

interface Observed {
  readonly response: GraphQLResponse;
  readonly sentIn: Phase;
  readonly answeredIn: Phase;
}

// Four processes share one database, which the embedded one cannot be.
describe.skipIf(NEEDS_TEST_DATABASE_URL)(
  `the organization subgraph killed under load${skipNote([NEEDS_TEST_DATABASE_URL])}`,
  () => {
    let database: ScratchDatabase;
    let shared: SharedConfig;
    let stack: Stack;
    let token: string;
    let viewer: { id: string; email: string };

    const me = () => postGraphQL(stack.gateway.url, { query: ME }, { token });

    /** Full with every subgraph answering; partial when organization is missing. */
    function classify(response: GraphQLResponse): Outcome {
      expect(response.status).toBe(200);
      expect(response.body.data?.me).toMatchObject({ id: viewer.id, email: viewer.email });
      if (response.body.errors === undefined) {
        expect(response.body.data?.me).toMatchObject({ memberships: [{ role: 'OWNER' }] });
        return 'full';
      }
      expect(response.body.data?.me).toMatchObject({ memberships: null });
      expectMaskedUpstreamError(response);
      return 'partial';
    }

    beforeAll(async () => {
      database = await createScratchDatabase();
      shared = await createSharedConfig({ databaseUrl: database.url });
      stack = await startStack({ env: shared.env });

      const identity = identityOperations(stack.gateway.url);
      const signedUp = payloadOf(await identity.signUp({ email: uniqueEmail('load') }), 'signUp');
      token = signedUp.accessToken;
      viewer = signedUp.user;
      const created = await postGraphQL(
        stack.gateway.url,
        { query: 'mutation { createOrganization(input: { name: "Load Co" }) { id } }' },
        { token },
      );
      expect(created.body.errors).toBeUndefined();
    });

    afterAll(async () => {
      await stopAllChildren();
      await database?.drop();
      await shared?.remove();
    });

    it('keeps answering with identity’s part and one masked error, then recovers by itself', async () => {
      const organization = stack.subgraphs.organization;
      const observed: Observed[] = [];
      let sent = 0;
      let phase: Phase = 'up';
      let killing: Promise<void> | undefined;

      const client = async () => {
        for (let index = 0; index < REQUESTS_PER_CLIENT; index += 1) {
          sent += 1;
          if (sent === KILL_AFTER) {
            phase = 'killing';
            killing = organization.kill().then(() => {
              phase = 'down';
            });
          }
          const sentIn = phase;
          const response = await me();
          observed.push({ response, sentIn, answeredIn: phase });
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      await killing;

      // Every answer is either full or partial as described; none fails outright.
      expect(observed).toHaveLength(CLIENTS * REQUESTS_PER_CLIENT);
      const outcomes = observed.map((entry) => ({ ...entry, outcome: classify(entry.response) }));
      const seen = (filter: (entry: Observed) => boolean) =>
        new Set(outcomes.filter(filter).map(({ outcome }) => outcome));
      expect(seen((entry) => entry.answeredIn === 'up')).toEqual(new Set(['full']));
      expect(seen((entry) => entry.sentIn === 'down')).toEqual(new Set(['partial']));

      await organization.restart();
      await waitFor('a full answer after the restart', async () =>
        classify(await me()) === 'full' ? true : undefined,
      );

      const after = await Promise.all(Array.from({ length: 20 }, () => me()));
      expect(after.map(classify)).toEqual(Array.from({ length: 20 }, () => 'full'));
    });
  },
);
