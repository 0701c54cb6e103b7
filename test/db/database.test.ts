import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { captureLogger } from './fixtures.js';

describe.each(testDatabaseKinds)('database (%s)', (kind) => {
  let testDatabase: TestDatabase;
  let logger: Logger;
  let lines: () => Record<string, unknown>[];
  const opened: Database[] = [];

  const open = async () => {
    const database = await openDatabase({
      databaseUrl: testDatabase.databaseUrl,
      dataDir: testDatabase.dataDir,
      logger,
    });
    opened.push(database);
    return database;
  };

  const newUser = (email: string) => ({ email, displayName: 'Ada Lovelace' });

  beforeEach(async () => {
    ({ logger, lines } = captureLogger());
    testDatabase = await createTestDatabase(kind);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
    await testDatabase.drop();
  });

  it('reports its kind', async () => {
    const database = await open();

    expect(database.kind).toBe(kind);
    expect(lines()).toContainEqual(
      expect.objectContaining({ msg: 'database opened', database: kind }),
    );
  });

  it('creates, reads, updates and deletes through Prisma', async () => {
    const { prisma } = await open();

    const user = await prisma.user.create({ data: newUser('ada@example.com') });
    const organization = await prisma.organization.create({
      data: {
        name: 'Analytical Engines',
        memberships: { create: { userId: user.id, role: 'OWNER' } },
      },
      include: { memberships: true },
    });
    expect(organization.memberships).toMatchObject([{ userId: user.id, role: 'OWNER' }]);

    await expect(prisma.user.create({ data: newUser('ada@example.com') })).rejects.toMatchObject({
      code: 'P2002',
      message: expect.stringContaining('Unique constraint failed on the fields: (`email`)'),
    });
    await expect(
      prisma.membership.create({
        data: { organizationId: randomUUID(), userId: user.id, role: 'MEMBER' },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });

    await expect(
      prisma.$transaction((tx) => tx.user.create({ data: newUser('ada@example.com') })),
    ).rejects.toMatchObject({ code: 'P2002' });

    await prisma.user.update({ where: { id: user.id }, data: { displayName: 'Countess' } });
    expect(await prisma.user.findUnique({ where: { email: 'ada@example.com' } })).toMatchObject({
      displayName: 'Countess',
      emailVerifiedAt: null,
    });

    await prisma.organization.delete({ where: { id: organization.id } });
    expect(await prisma.membership.count()).toBe(0);
  });

  it('answers ping, and refuses it once closed', async () => {
    const database = await open();
    await expect(database.ping()).resolves.toBeUndefined();

    await database.close();
    await database.close();

    await expect(database.ping()).rejects.toMatchObject({
      name: 'DatabaseError',
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database was closed.',
    });
  });

  it.runIf(kind === 'pglite')('keeps its data across close and reopen of the dataDir', async () => {
    const first = await open();
    const user = await first.prisma.user.create({ data: newUser('grace@example.com') });
    await first.close();

    const second = await open();

    expect(await second.prisma.user.findUnique({ where: { id: user.id } })).toMatchObject({
      email: 'grace@example.com',
    });
  });

  it.runIf(kind === 'pglite')('shares one instance between two opens of one dataDir', async () => {
    const identity = await open();
    const organization = await open();

    await identity.prisma.user.create({ data: newUser('edsger@example.com') });
    expect(await organization.prisma.user.count()).toBe(1);

    await identity.close();
    await expect(organization.ping()).resolves.toBeUndefined();
    expect(await organization.prisma.user.count()).toBe(1);
  });

  it.runIf(kind === 'postgres')('recovers when the server drops its connections', async () => {
    const database = await open();
    await database.prisma.user.create({ data: newUser('barbara@example.com') });
    await database.ping();

    // What a server restart does to a pool: every connection ends under it.
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const databaseName = new URL(testDatabase.databaseUrl ?? '').pathname.slice(1);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [databaseName],
    );
    await admin.end();

    await vi.waitFor(() =>
      expect(lines()).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: 'an idle PostgreSQL connection failed; the pool will open a new one',
        }),
      ),
    );
    await expect(database.ping()).resolves.toBeUndefined();
    expect(await database.prisma.user.count()).toBe(1);
  });
});

describe('an unreachable PostgreSQL server', () => {
  // Port 1 on loopback refuses at once, so nothing here waits for a timeout.
  const databaseUrl = 'postgresql://app:hunter2@127.0.0.1:1/app';
  const { logger } = captureLogger();

  it('fails ping with the reason and without the password', async () => {
    const database = await openDatabase({ databaseUrl, dataDir: 'unused', logger, migrate: false });

    const failure = database.ping();

    await expect(failure).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: 'The postgres database did not answer SELECT 1: connect ECONNREFUSED 127.0.0.1:1',
    });
    await expect(failure).rejects.toHaveProperty('cause.code', 'ECONNREFUSED');
    await database.close();
  });

  it('stops start-up, since migrations cannot be applied', async () => {
    await expect(openDatabase({ databaseUrl, dataDir: 'unused', logger })).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message:
        'Could not reach the postgres database to apply migrations: connect ECONNREFUSED ' +
        '127.0.0.1:1',
    });
  });
});

describe('an embedded database that cannot be opened', () => {
  it('names the directory', async () => {
    const { logger } = captureLogger();
    // A file where the data directory should be: nothing can be created beneath it.
    const dataDir = path.join(os.tmpdir(), `not-a-directory-${randomUUID()}`);
    await writeFile(dataDir, '');

    await expect(openDatabase({ dataDir, logger })).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringMatching(
        new RegExp(`^Could not open the embedded database in "${dataDir}/pglite": ENOTDIR`),
      ),
    });
    await rm(dataDir);
  });
});
