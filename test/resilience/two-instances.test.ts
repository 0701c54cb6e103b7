import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL, type GraphQLResponse } from '../support/graphql-client.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import {
  createSharedConfig,
  startStack,
  stopAllChildren,
  waitFor,
  type SharedConfig,
  type Stack,
} from '../support/processes.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import {
  NEEDS_TEST_DATABASE_URL,
  privateRedisUnavailable,
  skipNote,
} from '../support/external-services.js';
import {
  createScratchDatabase,
  startPrivateRedis,
  type PrivateRedis,
  type ScratchDatabase,
} from './peers.js';

// Sign-outs checked right away on the other stack; more rounds give a race more chances.
const SIGN_OUT_ROUNDS = 8;

/** The client operations this suite sends, against one stack's gateway. */
function client(stack: Stack) {
  const url = stack.gateway.url;
  const call = (query: string, variables: Record<string, unknown>, token?: string) =>
    postGraphQL(url, { query, variables }, { token });
  return {
    ...identityOperations(url),
    mySolutions: (token: string) => call('{ mySolutions { id } }', {}, token),
    memberships: (token: string) =>
      call('{ me { memberships { role organization { id name } } } }', {}, token),
    createOrganization: (token: string, name: string) =>
      call(
        'mutation ($name: String!) { createOrganization(input: { name: $name }) { id } }',
        { name },
        token,
      ),
    inviteMember: (token: string, input: { organizationId: string; email: string }) =>
      call(
        `mutation ($input: InviteMemberInput!) {
          inviteMember(input: $input) { id email role status }
        }`,
        { input: { ...input, role: 'MEMBER' } },
        token,
      ),
    signUpInvited: (email: string, invitationToken: string) =>
      call(
        `mutation ($input: SignUpInput!) {
          signUp(input: $input) { accessToken user { id emailVerified } }
        }`,
        { input: { email, password: STRONG_PASSWORD, displayName: 'Invitee', invitationToken } },
      ),
    acceptInvite: (token: string, invitationToken: string) =>
      call(
        'mutation ($t: String!) { acceptInvite(token: $t) { role organization { id } } }',
        { t: invitationToken },
        token,
      ),
  };
}

function dataOf<T>(response: GraphQLResponse, field: string): T {
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.[field] as T;
}

const missing = [NEEDS_TEST_DATABASE_URL, privateRedisUnavailable()];

// Eight processes share one database, which the embedded one cannot be.
describe.skipIf(missing.some(Boolean))(
  `two instances of every service over one database and one Redis${skipNote(missing)}`,
  () => {
    let database: ScratchDatabase;
    let redis: PrivateRedis;
    let smtp: SmtpPeer;
    let shared: SharedConfig;
    let a: ReturnType<typeof client>;
    let b: ReturnType<typeof client>;

    beforeAll(async () => {
      database = await createScratchDatabase();
      redis = await startPrivateRedis();
      smtp = await startSmtpPeer();
      shared = await createSharedConfig({
        databaseUrl: database.url,
        redisUrl: redis.url,
        env: { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '200' },
      });
      // One after the other: the second stack finds the migrations applied.
      a = client(await startStack({ env: shared.env, label: 'A' }));
      b = client(await startStack({ env: shared.env, label: 'B' }));
    });

    afterAll(async () => {
      await stopAllChildren();
      await smtp?.stop();
      await redis?.destroy();
      await database?.drop();
      await shared?.remove();
    });

    it('rotates refresh tokens across instances and ends the session everywhere on reuse', async () => {
      const email = uniqueEmail('two');
      payloadOf(await a.signUp({ email }), 'signUp');
      const signedIn = payloadOf(await b.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
      const first = payloadOf(await a.refresh(signedIn.refreshToken), 'refreshSession');
      const second = payloadOf(await b.refresh(first.refreshToken), 'refreshSession');
      expect(dataOf(await a.me(second.accessToken), 'me')).toMatchObject({ email });

      // The first rotated token again: its successor is spent, so this is a replay.
      expect(errorCodes(await a.refresh(signedIn.refreshToken))).toEqual(['UNAUTHENTICATED']);

      expect(errorCodes(await b.me(second.accessToken))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await b.mySolutions(second.accessToken))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await a.refresh(second.refreshToken))).toEqual(['UNAUTHENTICATED']);
    });

    it('counts failed sign-ins on both instances against one budget', async () => {
      const email = uniqueEmail('throttle');
      payloadOf(await a.signUp({ email }), 'signUp');

      // Four failures on each instance: within the five free failures of either one alone,
      // beyond them together, so only counters that the instances share delay the account.
      const codes: unknown[] = [];
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const stack = attempt % 2 === 0 ? a : b;
        codes.push(...errorCodes(await stack.signIn({ email, password: 'not the password 1' })));
      }
      expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
      expect(codes.slice(5)).toContain('RATE_LIMITED');
    });

    it('ends a session signed out on B at the very next request on A', async () => {
      const email = uniqueEmail('sign-out');
      payloadOf(await a.signUp({ email }), 'signUp');

      for (let round = 0; round < SIGN_OUT_ROUNDS; round += 1) {
        const session = payloadOf(await b.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
        expect(dataOf(await a.mySolutions(session.accessToken), 'mySolutions')).toEqual([]);

        expect(dataOf(await b.signOut(session.accessToken), 'signOut')).toBe(true);
        // Function on A did not take part in the sign-out: only the NOTIFY can have told it.
        expect(errorCodes(await a.mySolutions(session.accessToken))).toEqual(['UNAUTHENTICATED']);
        expect(errorCodes(await a.me(session.accessToken))).toEqual(['UNAUTHENTICATED']);
      }
    });

    it('accepts on B an invitation created on A', async () => {
      const owner = payloadOf(await a.signUp({ email: uniqueEmail('owner') }), 'signUp');
      const organization = dataOf<{ id: string }>(
        await a.createOrganization(owner.accessToken, 'Twin Co'),
        'createOrganization',
      );
      const inviteeEmail = uniqueEmail('invitee');
      const invite = dataOf<{ status: string }>(
        await a.inviteMember(owner.accessToken, {
          organizationId: organization.id,
          email: inviteeEmail,
        }),
        'inviteMember',
      );
      expect(invite).toMatchObject({ email: inviteeEmail, role: 'MEMBER', status: 'PENDING' });

      // Whichever identity instance's mail worker claims the message delivers it, once.
      const mail = await waitFor('the invitation mail', () =>
        smtp.received.find((received) => received.to === inviteeEmail),
      );
      const invitationToken = tokenFromMail(mail);

      const invitee = dataOf<{ accessToken: string; user: { emailVerified: boolean } }>(
        await b.signUpInvited(inviteeEmail, invitationToken),
        'signUp',
      );
      expect(invitee.user.emailVerified).toBe(true);
      expect(
        dataOf(await b.acceptInvite(invitee.accessToken, invitationToken), 'acceptInvite'),
      ).toEqual({ role: 'MEMBER', organization: { id: organization.id } });

      expect(dataOf(await a.memberships(invitee.accessToken), 'me')).toEqual({
        memberships: [{ role: 'MEMBER', organization: { id: organization.id, name: 'Twin Co' } }],
      });
      expect(smtp.received.filter((received) => received.to === inviteeEmail)).toHaveLength(1);
    });
  },
);
