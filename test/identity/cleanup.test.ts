import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import {
  deleteExpiredRecords,
  ONE_TIME_TOKENS_KEPT_AFTER_EXPIRY_MS,
  type RetentionPolicy,
} from '../../subgraphs/identity/maintenance/sweep.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { captureLogs } from '../support/log-capture.js';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);

const POLICY: RetentionPolicy = {
  revocationHorizonSeconds: 905,
  mailRetentionMs: 30 * DAY,
  mailRetryForMs: 5 * DAY,
};

describe.each(testDatabaseKinds)('identity clean-up (%s)', (databaseKind) => {
  let testDatabase: TestDatabase;
  let database: Database;
  let db: PrismaClient;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(databaseKind);
    database = await openDatabase({
      databaseUrl: testDatabase.databaseUrl,
      dataDir: testDatabase.dataDir,
      logger: captureLogs().logger('test'),
    });
    db = database.prisma;
  });

  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  /** Inserts rows on both sides of every cut-off; returns the ids that must survive. */
  async function seed() {
    const user = await db.user.create({
      data: { email: `${randomUUID()}@example.com`, displayName: 'Sweep' },
    });
    const session = await db.session.create({
      data: { userId: user.id, deviceName: 'Phone', expiresAt: ahead(90 * DAY) },
    });
    // Each returns a check of whether its row is still there.
    const refresh = async (expiresAt: Date) => {
      const { id } = await db.refreshToken.create({
        data: { sessionId: session.id, tokenHash: randomUUID(), expiresAt },
      });
      return async () => (await db.refreshToken.count({ where: { id } })) === 1;
    };
    const oneTime = async (expiresAt: Date) => {
      const { id } = await db.oneTimeToken.create({
        data: { userId: user.id, purpose: 'PASSWORD_RESET', tokenHash: randomUUID(), expiresAt },
      });
      return async () => (await db.oneTimeToken.count({ where: { id } })) === 1;
    };
    const revoked = async (revokedAt: Date) => {
      const { sessionId } = await db.revokedSession.create({
        data: { sessionId: randomUUID(), revokedAt },
      });
      return async () => (await db.revokedSession.count({ where: { sessionId } })) === 1;
    };
    const mail = async (data: {
      status: 'SENT' | 'FAILED' | 'PENDING';
      createdAt: Date;
      sentAt?: Date;
    }) => {
      const { id } = await db.mailMessage.create({
        data: { template: 'verify-email', recipient: 'a@example.com', ...data },
      });
      return async () => (await db.mailMessage.count({ where: { id } })) === 1;
    };

    const gone = [
      await refresh(ago(1000)),
      await oneTime(ago(ONE_TIME_TOKENS_KEPT_AFTER_EXPIRY_MS + 1000)),
      await revoked(ago(906_000)),
      await mail({ status: 'SENT', createdAt: ago(31 * DAY), sentAt: ago(31 * DAY) }),
      await mail({ status: 'FAILED', createdAt: ago(36 * DAY) }),
    ];
    const kept = [
      await refresh(ahead(1000)),
      // Expired, but kept a while so its link still says "has expired".
      await oneTime(ago(DAY)),
      await oneTime(ahead(1000)),
      await revoked(ago(900_000)),
      await mail({ status: 'SENT', createdAt: ago(29 * DAY), sentAt: ago(29 * DAY) }),
      await mail({ status: 'FAILED', createdAt: ago(34 * DAY) }),
      // Still being retried, however old: only the worker decides it has failed.
      await mail({ status: 'PENDING', createdAt: ago(60 * DAY) }),
    ];
    return { gone, kept };
  }

  it('deletes what has expired past its use, and keeps the rest', async () => {
    const { gone, kept } = await seed();

    const deleted = await deleteExpiredRecords(db, { now: NOW, policy: POLICY });
    expect(deleted).toEqual({
      refreshTokens: 1,
      oneTimeTokens: 1,
      revokedSessions: 1,
      mailMessages: 2,
    });

    expect(await Promise.all(gone.map((present) => present()))).toEqual(gone.map(() => false));
    expect(await Promise.all(kept.map((present) => present()))).toEqual(kept.map(() => true));

    const again = await deleteExpiredRecords(db, { now: NOW, policy: POLICY });
    expect(again).toEqual({
      refreshTokens: 0,
      oneTimeTokens: 0,
      revokedSessions: 0,
      mailMessages: 0,
    });
  });
});
