import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { identityOperations, uniqueEmail } from '../support/identity-operations.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';

describe.each(testDatabaseKinds)('mail while the mail server is down (%s)', (databaseKind) => {
  let system: TestSystem;
  let smtp: SmtpPeer;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    system = await startSystem({
      databaseKind,
      env: { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '100', MAIL_RETRY_BASE_MS: '200' },
    });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('keeps the message, retries, and delivers it once the server is back', async () => {
    await smtp.stop();
    const email = uniqueEmail('patient');
    const signedUp = await api.signUp({ email });
    expect(signedUp.body.errors).toBeUndefined();

    const pending = () => system.db.mailMessage.findFirst({ where: { recipient: email } });
    // Attempts count up when a worker claims the message; lastError follows the failed send.
    await expect.poll(async () => (await pending())?.lastError ?? null).not.toBeNull();
    expect(await pending()).toMatchObject({ status: 'PENDING' });

    await smtp.start();
    const mail = await smtp.nextMailTo(email);
    expect(mail.subject).toBe('Confirm your email address');
    const verified = await api.verifyEmail(tokenFromMail(mail));
    expect(verified.body.data?.verifyEmail).toMatchObject({ emailVerified: true });

    const sent = await system.db.mailMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(sent).toMatchObject({ status: 'SENT', payloadSealed: null });
    expect(smtp.received.filter((received) => received.to === email)).toHaveLength(1);
  });

  it('stores no link in plain text while the message waits', async () => {
    await smtp.stop();
    const email = uniqueEmail('sealed');
    await api.signUp({ email });
    const row = await system.db.mailMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(row.payloadSealed).toBeTruthy();
    expect(row.payloadSealed).not.toContain('token=');
    expect(row.payloadSealed).not.toContain('ev_');
    await smtp.start();
    await smtp.nextMailTo(email);
  });
});
