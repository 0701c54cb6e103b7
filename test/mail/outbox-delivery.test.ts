import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { createMailTransport } from '../../platform/mail/mail-transport.js';
import { startMailWorker, type MailWorkerOptions } from '../../platform/mail/mail-worker.js';
import { enqueueMail, payloadLocation, type MailRequest } from '../../platform/mail/outbox.js';
import { masterKeyFrom, SecretBox } from '../../platform/secrets/secret-box.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { captureLogs, type CapturedLogs } from '../support/log-capture.js';
import { closedPort, startSmtpPeer, type SmtpPeer, type SmtpPeerOptions } from './smtp-peer.js';

const FROM = 'Accounts <no-reply@app.example>';
const HOUR_MS = 3_600_000;

const newBox = () => new SecretBox(masterKeyFrom(randomBytes(32)));

function verifyEmail(recipient = 'ada@example.com'): MailRequest {
  const token = randomBytes(16).toString('hex');
  return {
    template: 'verify-email',
    recipient,
    variables: {
      displayName: 'Ada Lovelace',
      link: `https://app.example/verify-email?token=${token}`,
      expiresInHours: '24',
    },
  };
}

describe.each(testDatabaseKinds)('mail outbox (%s)', (kind) => {
  const box = newBox();
  let testDatabase: TestDatabase;
  let database: Database;
  let logs: CapturedLogs;
  // Workers go before peers, so no peer waits for a pooled connection to let go.
  const stopWorkers: (() => Promise<void>)[] = [];
  const peers: SmtpPeer[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    database = await openDatabase({
      databaseUrl: testDatabase.databaseUrl,
      dataDir: testDatabase.dataDir,
      logger: captureLogs().logger('test'),
    });
  });

  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  beforeEach(async () => {
    logs = captureLogs();
    await database.prisma.mailMessage.deleteMany();
  });

  afterEach(async () => {
    await Promise.all(stopWorkers.splice(0).map((stop) => stop()));
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });

  const startPeer = async (options?: SmtpPeerOptions) => {
    const peer = await startSmtpPeer(options);
    peers.push(peer);
    return peer;
  };

  const startWorker = (smtpUrl: string, overrides: Partial<MailWorkerOptions> = {}) => {
    const logger = logs.logger('mail');
    const transport = createMailTransport({ smtpUrl, dataDir: testDatabase.dataDir, logger });
    const worker = startMailWorker({
      db: database.prisma,
      box,
      transport,
      from: FROM,
      logger,
      // Only drain() delivers, unless a case wants the loop.
      pollIntervalMs: HOUR_MS,
      ...overrides,
    });
    stopWorkers.push(async () => {
      await worker.stop();
      await transport.close();
    });
    return worker;
  };

  const enqueue = (mail: MailRequest) => enqueueMail(database.prisma, box, mail);
  const row = (id: string) => database.prisma.mailMessage.findUniqueOrThrow({ where: { id } });

  it('stores nothing and sends nothing when the business transaction rolls back', async () => {
    const peer = await startPeer();
    const worker = startWorker(peer.url);

    const attempt = database.prisma.$transaction(async (tx) => {
      await enqueueMail(tx, box, verifyEmail());
      throw new Error('the user insert failed');
    });

    await expect(attempt).rejects.toThrow('the user insert failed');
    expect(await database.prisma.mailMessage.count()).toBe(0);
    expect(await worker.drain()).toBe(0);
    expect(peer.received).toEqual([]);
  });

  it('delivers a message committed with the business change, rendered from its template', async () => {
    const peer = await startPeer();
    const worker = startWorker(peer.url);
    const mail = verifyEmail();

    const id = await database.prisma.$transaction((tx) => enqueueMail(tx, box, mail));
    expect(await worker.drain()).toBe(1);

    expect(peer.received).toHaveLength(1);
    const [{ rcptTo, mail: delivered }] = peer.received as [(typeof peer.received)[number]];
    expect(rcptTo).toEqual(['ada@example.com']);
    expect(delivered.subject).toBe('Confirm your email address');
    expect(delivered.from?.value).toEqual([{ name: 'Accounts', address: 'no-reply@app.example' }]);
    expect(delivered.text).toContain(`Hello Ada Lovelace,`);
    expect(delivered.text).toContain(mail.variables.link);
    expect(delivered.text).toContain('expires in 24 hours');

    expect(await row(id)).toMatchObject({
      status: 'SENT',
      attempts: 1,
      payloadSealed: null,
      lastError: null,
      sentAt: expect.any(Date),
    });
    expect(logs.records('mail sent')).toMatchObject([{ mailId: id, template: 'verify-email' }]);
    expect(await worker.drain()).toBe(0);
    expect(peer.received).toHaveLength(1);
  });

  it('stores the variables sealed, bound to the row', async () => {
    const mail = verifyEmail();
    const id = await enqueue(mail);

    const rows = await database.prisma.$queryRaw<unknown[]>`SELECT * FROM mail_outbox`;
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(mail.variables.link);
    expect(stored).not.toContain('Ada Lovelace');

    const { payloadSealed } = await row(id);
    expect(JSON.parse(box.open(payloadSealed ?? '', payloadLocation(id)))).toEqual(mail.variables);
    expect(() => box.open(payloadSealed ?? '', payloadLocation('another-row'))).toThrow(
      'The sealed value does not open here: altered, moved or wrong key.',
    );
  });

  it('refuses a request with a missing variable, an unknown template or a bad recipient', async () => {
    const mail = verifyEmail();
    const withoutLink = { displayName: 'Ada Lovelace', expiresInHours: '24' };

    await expect(enqueue({ ...mail, variables: withoutLink })).rejects.toMatchObject({
      name: 'MailError',
      code: 'TEMPLATE_VARIABLE_MISSING',
      message: 'The mail template "verify-email" needs the variable "link", which was not given.',
    });
    const unknown = { ...mail, template: 'welcome' } as unknown as MailRequest;
    await expect(enqueue(unknown)).rejects.toThrow('"welcome" is not a mail template.');
    await expect(
      enqueue({ ...mail, recipient: 'ada@example.com\r\nBcc: eve@example.com' }),
    ).rejects.toThrow('A mail recipient must be a single address of the form name@domain.');
    expect(await database.prisma.mailMessage.count()).toBe(0);
  });

  it('keeps a message while the mail server is down and delivers it once it is back', async () => {
    const port = await closedPort();
    const worker = startWorker(`smtp://127.0.0.1:${port}`);
    const mail = verifyEmail();
    const id = await enqueue(mail);

    const beforeDrain = Date.now();
    expect(await worker.drain()).toBe(0);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1, sentAt: null });
    expect(failed.payloadSealed).not.toBeNull();
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(beforeDrain);
    expect(failed.lastError).toMatch(/^DELIVERY_FAILED: \w+: .*ECONNREFUSED/);
    expect(logs.records('mail delivery failed')).toMatchObject([{ mailId: id, attempts: 1 }]);

    // Not due yet: the backoff holds it back.
    expect(await worker.drain()).toBe(0);
    expect((await row(id)).attempts).toBe(1);

    // The server comes back and the backoff has passed.
    const peer = await startPeer({ port });
    await database.prisma.mailMessage.update({
      where: { id },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);

    expect(peer.received.map((received) => received.mail.subject)).toEqual([
      'Confirm your email address',
    ]);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, payloadSealed: null });
  });

  it('keeps retrying while the server is down, and gives up only after the retry period', async () => {
    const port = await closedPort();
    const worker = startWorker(`smtp://127.0.0.1:${port}`, { backoff: () => 0 });
    const id = await enqueue(verifyEmail());

    for (let pass = 0; pass < 12; pass += 1) await worker.drain();
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 12 });
    expect((await row(id)).payloadSealed).not.toBeNull();
    expect(logs.records('mail delivery given up')).toEqual([]);

    // Enqueued six days ago: past the default five days of retries.
    await database.prisma.mailMessage.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - 6 * 24 * HOUR_MS) },
    });
    await worker.drain();
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 13 });
    // Kept, sealed, so an operator can see what it was and queue it again.
    expect(failed.payloadSealed).not.toBeNull();
    expect(failed.lastError).toMatch(
      /^DELIVERY_FAILED: .*ECONNREFUSED.*\(retried for 120 hours\)$/,
    );
    expect(logs.records('mail delivery given up')).toMatchObject([
      { level: 'error', mailId: id, template: 'verify-email', attempts: 13 },
    ]);

    expect(await worker.drain()).toBe(0);
    expect((await row(id)).attempts).toBe(13);
  });

  it('marks a message FAILED at once when the server refuses the recipient for good', async () => {
    const peer = await startPeer({
      refuseRecipient: (address) =>
        address === 'gone@example.com' ? { code: 550, message: 'No such user here' } : undefined,
    });
    const worker = startWorker(peer.url);
    const id = await enqueue(verifyEmail('gone@example.com'));

    expect(await worker.drain()).toBe(0);

    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/^DELIVERY_REJECTED: EENVELOPE: .*550 No such user here/);
    expect(failed.payloadSealed).not.toBeNull();
    expect(logs.records('mail delivery given up')).toMatchObject([{ mailId: id, attempts: 1 }]);
    expect(peer.received).toEqual([]);
  });

  it('retries a message the server defers with a 4xx reply, and delivers it later', async () => {
    let deferring = true;
    const peer = await startPeer({
      refuseRecipient: () =>
        deferring ? { code: 451, message: 'Greylisted, try again later' } : undefined,
    });
    const worker = startWorker(peer.url);
    const id = await enqueue(verifyEmail());

    const beforeDrain = Date.now();
    expect(await worker.drain()).toBe(0);
    const deferred = await row(id);
    expect(deferred).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(deferred.lastError).toMatch(/^DELIVERY_FAILED: EENVELOPE: .*451 Greylisted/);
    expect(deferred.nextAttemptAt.getTime()).toBeGreaterThan(beforeDrain);

    deferring = false;
    await database.prisma.mailMessage.update({
      where: { id },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    expect(await worker.drain()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, payloadSealed: null });
    expect(peer.received).toHaveLength(1);
  });

  it('fails a message whose variables no longer open, without retrying it', async () => {
    const peer = await startPeer();
    const worker = startWorker(peer.url);
    const id = await enqueueMail(database.prisma, newBox(), verifyEmail());

    expect(await worker.drain()).toBe(0);

    expect(await row(id)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError:
        'PAYLOAD_UNREADABLE: The stored variables do not open with the configured master keys.',
    });
    expect(peer.received).toEqual([]);
  });

  it('never writes the variables or the SMTP password to the log or the row', async () => {
    const peer = await startPeer({ refuseLogins: true });
    const password = 'pa55-w0rd-from-the-url';
    const worker = startWorker(`smtp://mailer:${password}@127.0.0.1:${peer.port}`);
    const mail = verifyEmail();
    const id = await enqueue(mail);

    await worker.drain();

    // Refused credentials are our configuration, not the message: it waits for a fix.
    const failed = await row(id);
    expect(failed.status).toBe('PENDING');
    expect(failed.lastError).toMatch(/^DELIVERY_FAILED: EAUTH: /);
    const everything = [...logs.lines, JSON.stringify(failed)].join('\n');
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(mail.variables.link);
    expect(everything).not.toContain('Ada Lovelace');
    expect(logs.records('mail transport ready')).toMatchObject([
      { transport: `smtp://127.0.0.1:${peer.port}` },
    ]);
  });

  it('delivers soon after wake() without waiting for the poll interval', async () => {
    const peer = await startPeer();
    const worker = startWorker(peer.url);
    const id = await enqueue(verifyEmail());

    worker.wake();

    await expect.poll(() => peer.received.length).toBe(1);
    await expect.poll(async () => (await row(id)).status).toBe('SENT');
  });

  it('lets stop() finish the batch in flight and refuses to drain afterwards', async () => {
    const peer = await startPeer();
    const worker = startWorker(peer.url);
    const id = await enqueue(verifyEmail());

    const pass = worker.drain();
    await worker.stop();

    expect((await row(id)).status).toBe('SENT');
    await expect(pass).resolves.toBe(1);
    await expect(worker.drain()).rejects.toThrow('The mail worker was stopped.');
    expect(peer.received).toHaveLength(1);
  });
});
