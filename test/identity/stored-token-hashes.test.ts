import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { payloadOf, STRONG_PASSWORD, uniqueEmail } from '../support/identity-operations.js';
import { tokenFromMail } from '../support/smtp-peer.js';
import { startIdentity, type IdentityUnderTest } from './identity-under-test.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const AUTH_FIELDS = 'accessToken refreshToken';

describe.each(testDatabaseKinds)('tokens at rest (%s)', (databaseKind) => {
  let identity: IdentityUnderTest;

  beforeAll(async () => {
    identity = await startIdentity({ databaseKind });
  });

  afterAll(() => identity?.stop());

  /** Every row of the table as the database returns it, text included. */
  const dump = async (table: 'refresh_tokens' | 'one_time_tokens') =>
    JSON.stringify(await identity.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM ${table}`));

  /** Neither the token nor its random part appears anywhere in the table. */
  const expectAbsent = (stored: string, token: string) => {
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(token.indexOf('_') + 1));
  };

  it('keeps only SHA-256 hashes of the tokens of sign-up, sign-in, refresh and reset', async () => {
    const email = uniqueEmail('at-rest');
    const input = { email, password: STRONG_PASSWORD, displayName: 'Rest' };
    const signedUp = payloadOf(
      await identity.post({
        query: `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
        variables: { input },
      }),
      'signUp',
    );
    const verification = tokenFromMail(await identity.smtp.nextMailTo(email));
    const signedIn = payloadOf(
      await identity.post({
        query: `mutation ($input: SignInInput!) { signIn(input: $input) { ${AUTH_FIELDS} } }`,
        variables: { input: { email, password: STRONG_PASSWORD } },
      }),
      'signIn',
    );
    const refreshed = payloadOf(
      await identity.post({
        query: `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`,
        variables: { t: signedIn.refreshToken },
      }),
      'refreshSession',
    );
    await identity.post({
      query: 'mutation ($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: email },
    });
    const reset = tokenFromMail(await identity.smtp.nextMailTo(email, 1));

    for (const token of [signedUp.refreshToken, signedIn.refreshToken, refreshed.refreshToken]) {
      const row = await identity.db.refreshToken.findUnique({
        where: { tokenHash: sha256(token) },
      });
      expect(row).not.toBeNull();
    }
    const refreshRows = await dump('refresh_tokens');
    for (const token of [signedUp.refreshToken, signedIn.refreshToken, refreshed.refreshToken]) {
      expectAbsent(refreshRows, token);
    }

    for (const [token, purpose] of [
      [verification, 'EMAIL_VERIFICATION'],
      [reset, 'PASSWORD_RESET'],
    ] as const) {
      const row = await identity.db.oneTimeToken.findUniqueOrThrow({
        where: { tokenHash: sha256(token) },
      });
      expect(row.purpose).toBe(purpose);
    }
    const oneTimeRows = await dump('one_time_tokens');
    expectAbsent(oneTimeRows, verification);
    expectAbsent(oneTimeRows, reset);
  });
});
