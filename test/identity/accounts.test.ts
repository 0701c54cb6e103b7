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

describe.each(testDatabaseKinds)('accounts (%s)', (databaseKind) => {
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

  it('signs up, verifies the address by the mailed link, and signs in', async () => {
    const email = uniqueEmail('ada');
    const signedUp = payloadOf(await api.signUp({ email: `  ${email.toUpperCase()} ` }), 'signUp');
    expect(signedUp.user).toMatchObject({ email, emailVerified: false });

    const mail = await smtp.nextMailTo(email);
    expect(mail.subject).toBe('Confirm your email address');
    const verified = await api.verifyEmail(tokenFromMail(mail));
    expect(verified.body.data?.verifyEmail).toMatchObject({ email, emailVerified: true });

    const signedIn = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    const me = await api.me(signedIn.accessToken);
    expect(me.body.data?.me).toEqual({ id: signedUp.user.id, email, emailVerified: true });
  });

  it('refuses a verification link the second time', async () => {
    const email = uniqueEmail();
    payloadOf(await api.signUp({ email }), 'signUp');
    const token = tokenFromMail(await smtp.nextMailTo(email));
    await api.verifyEmail(token);

    const again = await api.verifyEmail(token);
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors?.[0]?.message).toBe('The verification link has already been used.');
  });

  it('refuses a second account for the same address, whatever its case', async () => {
    const email = uniqueEmail();
    await api.signUp({ email });
    const duplicate = await api.signUp({ email: email.toUpperCase() });
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
  });

  it('folds compatibility characters (NFKC) before lower-casing, as the throttle does', async () => {
    const email = uniqueEmail('wide');
    // Fullwidth forms of every ASCII character of the address, domain included.
    const fullwidth = [...email.toUpperCase()]
      .map((character) => String.fromCodePoint(character.codePointAt(0)! + 0xfee0))
      .join('');
    const signedUp = payloadOf(await api.signUp({ email: fullwidth }), 'signUp');
    expect(signedUp.user.email).toBe(email);

    expect(errorCodes(await api.signUp({ email }))).toEqual(['CONFLICT']);
    const signedIn = await api.signIn({ email, password: STRONG_PASSWORD });
    expect(signedIn.body.errors).toBeUndefined();
  });

  it.each([
    ['shorter than 10 characters', 'short pw', 'at least 10'],
    ['longer than 256 characters', 'x'.repeat(257), 'at most 256'],
    ['a common password', 'password123', 'too common'],
  ])('refuses a password %s', async (_case, password, message) => {
    const response = await api.signUp({ email: uniqueEmail(), password });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.message).toContain(message);
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.password');
  });

  it('refuses a 257-character password at sign-in before any hashing', async () => {
    const response = await api.signIn({ email: uniqueEmail(), password: 'y'.repeat(257) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const email = uniqueEmail();
    await api.signUp({ email });
    const wrongPassword = await api.signIn({ email, password: 'not the password at all' });
    const unknownEmail = await api.signIn({ email: uniqueEmail(), password: 'not the password' });

    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(wrongPassword.body.errors?.[0]?.message).toBe(
      'The email address or password is incorrect.',
    );
  });

  it('stores only an Argon2id hash of the password', async () => {
    const email = uniqueEmail();
    await api.signUp({ email });
    const row = await system.db.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(row.passwordHash).not.toContain(STRONG_PASSWORD);
  });

  it('answers signInOptions with password sign-in for any address', async () => {
    const { postGraphQL } = await import('../support/graphql-client.js');
    const response = await postGraphQL(system.gatewayUrl, {
      query: '{ signInOptions(email: " Who@Example.COM ") { email methods } }',
    });
    expect(response.body.data).toEqual({
      signInOptions: { email: 'who@example.com', methods: ['PASSWORD'] },
    });
  });
});
