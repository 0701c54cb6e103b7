import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MIGRATIONS_DIR,
  openDatabase,
  type OpenDatabaseOptions,
} from '../../platform/db/database.js';
import { applyMigrations } from '../../platform/db/migrations.js';
import { runPrismaCli } from '../../platform/db/prisma-cli.js';
import type { Logger } from '../../platform/logging/logger.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import {
  captureLogger,
  connectExecutor,
  createMigrationsFolder,
  INIT_MIGRATION,
  readCommittedMigration,
  recordedMigrations,
  tableExists,
  type ConnectedExecutor,
  type MigrationsFolder,
} from './fixtures.js';

const root = path.resolve(import.meta.dirname, '../..');

async function committedMigrationNames(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function sha256OfCommitted(name: string): Promise<string> {
  const bytes = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'));
  return createHash('sha256').update(bytes).digest('hex');
}

describe.each(testDatabaseKinds)('migrations (%s)', (kind) => {
  let database: TestDatabase;
  let connection: ConnectedExecutor | undefined;
  let folder: MigrationsFolder | undefined;
  let logger: Logger;
  let lines: () => Record<string, unknown>[];

  const openOptions = (migrationsDir: string): OpenDatabaseOptions => ({
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    logger,
    migrationsDir,
  });

  /** Opens and closes the database, as a service start-up followed by a shutdown does. */
  const startUp = async (migrationsDir: string) => {
    const opened = await openDatabase(openOptions(migrationsDir));
    await opened.close();
  };

  const connect = async () => {
    connection = await connectExecutor(database);
    return connection.executor;
  };

  const withInit = async (extra: Record<string, string> = {}) => {
    folder = await createMigrationsFolder({
      [INIT_MIGRATION]: await readCommittedMigration(INIT_MIGRATION),
      ...extra,
    });
    return folder;
  };

  beforeEach(async () => {
    ({ logger, lines } = captureLogger());
    database = await createTestDatabase(kind);
  });

  afterEach(async () => {
    await connection?.close();
    connection = undefined;
    await folder?.remove();
    folder = undefined;
    await database.drop();
  });

  it('applies the committed migrations and records them as Prisma does', async () => {
    const executor = await connect();

    const run = await applyMigrations({ executor, migrationsDir: DEFAULT_MIGRATIONS_DIR, logger });

    const names = await committedMigrationNames();
    expect(run.applied).toEqual(names);
    const expected = await Promise.all(
      names.map(async (name) => ({
        migrationName: name,
        checksum: await sha256OfCommitted(name),
        finished: true,
        appliedStepsCount: 1,
      })),
    );
    expect(await recordedMigrations(executor)).toEqual(expected);
    expect(await tableExists(executor, 'users')).toBe(true);
    expect(lines()).toContainEqual(
      expect.objectContaining({ msg: 'applied migration', migration: INIT_MIGRATION }),
    );
  });

  it("creates _prisma_migrations with Prisma's own columns", async () => {
    const executor = await connect();
    await applyMigrations({ executor, migrationsDir: DEFAULT_MIGRATIONS_DIR, logger });

    const columns = await executor.query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable,
              column_default
         FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    const column = (name: string, type: string, length: number | null, nullable: string) => ({
      column_name: name,
      data_type: type,
      length,
      is_nullable: nullable,
    });
    expect(columns.map(({ column_default: _default, ...rest }) => rest)).toEqual([
      column('id', 'character varying', 36, 'NO'),
      column('checksum', 'character varying', 64, 'NO'),
      column('finished_at', 'timestamp with time zone', null, 'YES'),
      column('migration_name', 'character varying', 255, 'NO'),
      column('logs', 'text', null, 'YES'),
      column('rolled_back_at', 'timestamp with time zone', null, 'YES'),
      column('started_at', 'timestamp with time zone', null, 'NO'),
      column('applied_steps_count', 'integer', null, 'NO'),
    ]);
    expect(columns.map((column) => column.column_default)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      'now()',
      '0',
    ]);
  });

  it('applies nothing on a second run', async () => {
    const executor = await connect();
    await applyMigrations({ executor, migrationsDir: DEFAULT_MIGRATIONS_DIR, logger });
    const before = await recordedMigrations(executor);

    const second = await applyMigrations({
      executor,
      migrationsDir: DEFAULT_MIGRATIONS_DIR,
      logger,
    });

    expect(second.applied).toEqual([]);
    expect(await recordedMigrations(executor)).toEqual(before);
  });

  it('applies each migration once when two services start at the same time', async () => {
    const migrations = await withInit({
      // The sleep widens the window in which the second start-up would otherwise interleave.
      '20261203000001_slow': 'SELECT pg_sleep(0.3);\nCREATE TABLE "slow_marker" ("id" INTEGER);\n',
      '20261203000002_after': 'ALTER TABLE "slow_marker" ADD COLUMN "note" TEXT;\n',
    });

    await Promise.all([startUp(migrations.dir), startUp(migrations.dir)]);

    const applied = lines()
      .filter((line) => line.msg === 'applied migration')
      .map((line) => line.migration);
    expect(applied).toEqual([INIT_MIGRATION, '20261203000001_slow', '20261203000002_after']);
    const executor = await connect();
    expect((await recordedMigrations(executor)).map((row) => row.migrationName)).toEqual([
      INIT_MIGRATION,
      '20261203000001_slow',
      '20261203000002_after',
    ]);
  });

  it('stops start-up when an applied migration was edited, before applying anything', async () => {
    const initScript = await readCommittedMigration(INIT_MIGRATION);
    const migrations = await withInit();
    await startUp(migrations.dir);

    await migrations.write(INIT_MIGRATION, `${initScript}\n-- an afterthought\n`);
    await migrations.write('20261204000000_next', 'CREATE TABLE "next_table" ("id" INTEGER);\n');

    await expect(startUp(migrations.dir)).rejects.toMatchObject({
      name: 'DatabaseError',
      code: 'MIGRATION_MODIFIED',
      message:
        `Migration "${INIT_MIGRATION}" was edited after it was applied: its checksum no ` +
        'longer matches the one in _prisma_migrations. Restore the file and put the change ' +
        'in a new migration.',
    });
    expect(await tableExists(await connect(), 'next_table')).toBe(false);
  });

  it('does not count a change of line endings as an edit', async () => {
    const initScript = await readCommittedMigration(INIT_MIGRATION);
    const migrations = await withInit();
    await startUp(migrations.dir);

    await migrations.write(INIT_MIGRATION, initScript.replaceAll('\n', '\r\n'));

    await expect(startUp(migrations.dir)).resolves.toBeUndefined();
  });

  it('rolls back a failing migration and stops start-up naming it', async () => {
    const broken = '20261204000000_broken';
    const migrations = await withInit({
      [broken]:
        'CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n',
    });

    await expect(startUp(migrations.dir)).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: `Migration "${broken}" failed and was rolled back: relation "no_such_table" does not exist`,
    });

    const executor = await connect();
    expect(await tableExists(executor, 'half_done')).toBe(false);
    expect((await recordedMigrations(executor)).map((row) => row.migrationName)).toEqual([
      INIT_MIGRATION,
    ]);

    await migrations.write(broken, 'CREATE TABLE "half_done" ("id" INTEGER);\n');
    const retry = await applyMigrations({ executor, migrationsDir: migrations.dir, logger });
    expect(retry.applied).toEqual([broken]);
  });

  it('stops start-up when a migration is recorded as started but not finished', async () => {
    const migrations = await withInit();
    const executor = await connect();
    await applyMigrations({ executor, migrationsDir: migrations.dir, logger });
    await executor.query('UPDATE _prisma_migrations SET finished_at = NULL');

    await expect(
      applyMigrations({ executor, migrationsDir: migrations.dir, logger }),
    ).rejects.toMatchObject({
      code: 'MIGRATION_INCOMPLETE',
      message:
        `Migration "${INIT_MIGRATION}" is recorded in _prisma_migrations as started but not ` +
        'finished. Check the database by hand, then mark it with `prisma migrate resolve`.',
    });
  });

  it('names the folder when a migration has no migration.sql', async () => {
    const migrations = await withInit();
    await mkdir(path.join(migrations.dir, '20261204000000_empty'));

    await expect(startUp(migrations.dir)).rejects.toMatchObject({
      code: 'MIGRATIONS_UNREADABLE',
      message: expect.stringMatching(/^Migration "20261204000000_empty" has no readable migrati/),
    });
  });

  it.runIf(kind === 'postgres')("is read by Prisma's own `migrate status`", async () => {
    await startUp(DEFAULT_MIGRATIONS_DIR);

    const status = await runPrismaCli(
      ['migrate', 'status', '--config', 'test/db/prisma-status.config.ts'],
      { cwd: root, env: { STATUS_DATABASE_URL: database.databaseUrl ?? '' } },
    );

    expect(status.stdout).toContain('Database schema is up to date!');
    expect(status.code).toBe(0);
  });
});
