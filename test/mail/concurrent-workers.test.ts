import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { createMailTransport } from '../../platform/mail/mail-transport.js';
import { startMailWorker, type MailWorker } from '../../platform/mail/mail-worker.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { masterKeyFrom, SecretBox } from '../../platform/secrets/secret-box.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { captureLogs } from '../support/log-capture.js';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.js';

const MESSAGES = 35;

const recipients = Array.from({ length: MESSAGES }, (_, index) => `user${index}@example.com`);

describe.each(testDatabaseKinds)('mail workers side by side (%s)', (kind) => {
  const box = new SecretBox(masterKeyFrom(randomBytes(32)));
  const logger = captureLogs().logger('mail');
  let testDatabase: TestDatabase;
  let peer: SmtpPeer;
  let databases: Database[] = [];
  const stops: (() => Promise<void>)[] = [];

  const startWorker = (database: Database): MailWorker => {
    const transport = createMailTransport({ smtpUrl: peer.url, dataDir: '.', logger });
    const worker = startMailWorker({
      db: database.prisma,
      box,
      transport,
      from: 'no-reply@app.example',
      logger,
      pollIntervalMs: 3_600_000,
    });
    stops.push(async () => {
      await worker.stop();
      await transport.close();
    });
    return worker;
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    // Each worker gets its own client and pool, as two service instances would.
    const open = () =>
      openDatabase({
        databaseUrl: testDatabase.databaseUrl,
        dataDir: testDatabase.dataDir,
        logger,
      });
    databases = [await open(), await open()];
  });

  afterAll(async () => {
    await Promise.all(databases.map((database) => database.close()));
    await testDatabase?.drop();
  });

  beforeEach(async () => {
    peer = await startSmtpPeer();
    await databases[0]?.prisma.mailMessage.deleteMany();
  });

  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    await peer.close();
  });

  it('delivers each message exactly once when two workers drain at the same time', async () => {
    const [first, second] = databases as [Database, Database];
    for (const recipient of recipients) {
      await enqueueMail(first.prisma, box, {
        template: 'password-changed',
        recipient,
        variables: { displayName: recipient },
      });
    }

    const [a, b] = await Promise.all([startWorker(first).drain(), startWorker(second).drain()]);

    expect(a + b).toBe(MESSAGES);
    const delivered = peer.received.flatMap((received) => received.rcptTo);
    expect(delivered.toSorted()).toEqual(recipients.toSorted());
    const rows = await first.prisma.mailMessage.groupBy({
      by: ['status', 'attempts'],
      _count: { _all: true },
    });
    expect(rows).toEqual([{ status: 'SENT', attempts: 1, _count: { _all: MESSAGES } }]);
  });

  it.runIf(kind === 'postgres')('skips a message another transaction holds', async () => {
    const [database] = databases as [Database];
    const worker = startWorker(database);
    const mail = (recipient: string) => ({
      template: 'password-changed' as const,
      recipient,
      variables: { displayName: 'Ada' },
    });
    const held = await enqueueMail(database.prisma, box, mail('held@example.com'));
    await enqueueMail(database.prisma, box, mail('free@example.com'));

    const other = new pg.Client({ connectionString: testDatabase.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM mail_outbox WHERE id = $1 FOR UPDATE', [held]);

      // Without SKIP LOCKED this drain would wait for the other transaction and time out.
      expect(await worker.drain()).toBe(1);
      expect(peer.received.flatMap((received) => received.rcptTo)).toEqual(['free@example.com']);

      await other.query('COMMIT');
      expect(await worker.drain()).toBe(1);
      expect(peer.received.flatMap((received) => received.rcptTo)).toEqual([
        'free@example.com',
        'held@example.com',
      ]);
    } finally {
      await other.end();
    }
  });
});
