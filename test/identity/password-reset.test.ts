import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes } from '../support/graphql-client.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';

describe.each(testDatabaseKinds)('password reset and change (%s)', (databaseKind) => {
  let system: TestSystem;
  let smtp: SmtpPeer;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    system = await startSystem({ databaseKind, env: { SMTP_URL: smtp.url } });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const email = uniqueEmail('known');
    await api.signUp({ email });
    const unknown = uniqueEmail('unknown');

    const known = await api.requestPasswordReset(email);
    const other = await api.requestPasswordReset(unknown);
    expect(known.body).toEqual({ data: { requestPasswordReset: true } });
    expect(other.body).toEqual(known.body);

    const mail = await smtp.nextMailTo(email, 1);
    expect(mail.subject).toMatch(/reset/i);
    expect(smtp.received.some((received) => received.to === unknown)).toBe(false);
  });

  it('resets with the mailed token once, and ends every session', async () => {
    const email = uniqueEmail('reset');
    const signedUp = payloadOf(await api.signUp({ email }), 'signUp');
    await api.requestPasswordReset(email);
    const token = tokenFromMail(await smtp.nextMailTo(email, 1));

    const newPassword = 'another long passphrase 9';
    expect((await api.resetPassword({ token, newPassword })).body.data).toEqual({
      resetPassword: true,
    });
    expect(errorCodes(await api.me(signedUp.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.refresh(signedUp.refreshToken))).toEqual(['UNAUTHENTICATED']);

    const again = await api.resetPassword({ token, newPassword: 'yet another passphrase 1' });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors?.[0]?.message).toBe('The password reset link has already been used.');

    expect(errorCodes(await api.signIn({ email, password: STRONG_PASSWORD }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect((await api.signIn({ email, password: newPassword })).body.errors).toBeUndefined();
  });

  it('keeps the token usable when the new password is refused', async () => {
    const email = uniqueEmail('weak');
    await api.signUp({ email });
    await api.requestPasswordReset(email);
    const token = tokenFromMail(await smtp.nextMailTo(email, 1));

    const weak = await api.resetPassword({ token, newPassword: 'password123' });
    expect(errorCodes(weak)).toEqual(['BAD_USER_INPUT']);
    const strong = await api.resetPassword({ token, newPassword: 'a much better passphrase 3' });
    expect(strong.body.data).toEqual({ resetPassword: true });
  });

  it('changes the password, keeping this session and ending the others', async () => {
    const email = uniqueEmail('change');
    const here = payloadOf(await api.signUp({ email }), 'signUp');
    const elsewhere = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');

    const wrong = await api.changePassword(here.accessToken, {
      currentPassword: 'not my password at all',
      newPassword: 'a new and long passphrase',
    });
    expect(errorCodes(wrong)).toEqual(['FORBIDDEN']);

    const changed = await api.changePassword(here.accessToken, {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'a new and long passphrase',
    });
    expect(changed.body.data).toEqual({ changePassword: true });
    expect((await api.me(here.accessToken)).body.errors).toBeUndefined();
    expect(errorCodes(await api.me(elsewhere.accessToken))).toEqual(['UNAUTHENTICATED']);
  });
});
