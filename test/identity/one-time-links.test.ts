import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-client.js';
import { payloadOf, STRONG_PASSWORD, uniqueEmail } from '../support/identity-operations.js';
import { tokenFromMail } from '../support/smtp-peer.js';
import { startIdentity, type IdentityUnderTest } from './identity-under-test.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testDatabaseKinds)('verification and reset links (%s)', (databaseKind) => {
  let identity: IdentityUnderTest;

  beforeAll(async () => {
    identity = await startIdentity({ databaseKind });
  });

  afterAll(() => identity?.stop());

  /** Signs up and returns the access token and the link token of the verification mail. */
  const signUp = async () => {
    const email = uniqueEmail('links');
    const input = { email, password: STRONG_PASSWORD, displayName: 'Links' };
    const response = await identity.post({
      query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      variables: { input },
    });
    const { accessToken } = payloadOf(response, 'signUp');
    const token = tokenFromMail(await identity.smtp.nextMailTo(email));
    return { email, accessToken, token };
  };

  const verifyEmail = (token: string) =>
    identity.post({
      query: 'mutation ($t: String!) { verifyEmail(token: $t) { emailVerified } }',
      variables: { t: token },
    });
  const resend = (accessToken: string) =>
    identity.post({ query: 'mutation { resendVerificationEmail }' }, { token: accessToken });
  const requestReset = async (email: string, seen: number) => {
    await identity.post({
      query: 'mutation ($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: email },
    });
    return tokenFromMail(await identity.smtp.nextMailTo(email, seen));
  };
  const resetPassword = (token: string) =>
    identity.post({
      query: 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) }',
      variables: { input: { token, newPassword: 'a new and fine passphrase' } },
    });

  const expectRefused = (response: GraphQLResponse, field: string, message: string) => {
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.message).toBe(message);
    expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
  };

  it('accepts a verification link a minute before its 24 hours are up', async () => {
    const { token } = await signUp();
    identity.clock.advance(24 * HOUR - MINUTE);
    expect((await verifyEmail(token)).body.data).toEqual({ verifyEmail: { emailVerified: true } });
  });

  it('refuses a verification link once its 24 hours are up', async () => {
    const { token } = await signUp();
    identity.clock.advance(24 * HOUR + 1000);
    expectRefused(await verifyEmail(token), 'token', 'The verification link has expired.');
  });

  it('accepts a reset link a minute before its 30 minutes are up', async () => {
    const { email } = await signUp();
    const token = await requestReset(email, 1);
    identity.clock.advance(30 * MINUTE - MINUTE);
    expect((await resetPassword(token)).body.data).toEqual({ resetPassword: true });
  });

  it('refuses a reset link once its 30 minutes are up', async () => {
    const { email } = await signUp();
    const token = await requestReset(email, 1);
    identity.clock.advance(30 * MINUTE + 1000);
    expectRefused(
      await resetPassword(token),
      'input.token',
      'The password reset link has expired.',
    );
  });

  it('resends the verification link at most once a minute, and the old link stops working', async () => {
    const { email, accessToken, token: first } = await signUp();

    expect((await resend(accessToken)).body.data).toEqual({ resendVerificationEmail: false });
    expect(identity.smtp.received.filter((mail) => mail.to === email)).toHaveLength(1);

    identity.clock.advance(MINUTE + 1000);
    expect((await resend(accessToken)).body.data).toEqual({ resendVerificationEmail: true });
    const second = tokenFromMail(await identity.smtp.nextMailTo(email, 1));
    expect(second).not.toBe(first);

    expectRefused(
      await verifyEmail(first),
      'token',
      'A newer verification link has been sent; use the link in the latest mail.',
    );
    expect((await verifyEmail(second)).body.data).toEqual({ verifyEmail: { emailVerified: true } });

    // Verified: nothing left to send.
    identity.clock.advance(MINUTE + 1000);
    expect((await resend(accessToken)).body.data).toEqual({ resendVerificationEmail: false });
  });

  it('asks for a signed-in caller to resend', async () => {
    const response = await identity.post({ query: 'mutation { resendVerificationEmail }' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('voids an earlier reset link when a new one is sent', async () => {
    const { email } = await signUp();
    const first = await requestReset(email, 1);
    identity.clock.advance(MINUTE + 1000);
    const second = await requestReset(email, 2);

    expectRefused(
      await resetPassword(first),
      'input.token',
      'A newer password reset link has been sent; use the link in the latest mail.',
    );
    expect((await resetPassword(second)).body.data).toEqual({ resetPassword: true });
  });
});
