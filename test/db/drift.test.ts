import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  compareCatalogSnapshots,
  takeCatalogSnapshot,
} from '../../platform/db/catalog-snapshot.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../platform/db/database.js';
import { applyMigrations } from '../../platform/db/migrations.js';
import { prismaMigrateDiff } from '../../platform/db/prisma-cli.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { captureLogger, connectExecutor, type ConnectedExecutor } from './fixtures.js';

/*
 * Proof that the committed migrations build exactly what prisma/schema.prisma declares: one
 * database gets every migration through our runner, the other the SQL Prisma generates for the
 * schema from nothing, and their catalogs must match. A model changed without a migration, or
 * a migration edited by hand into something else, fails here with the difference spelled out.
 */

const root = path.resolve(import.meta.dirname, '../..');
const labels = { left: 'migrations', right: 'schema.prisma' };

let schemaScript: string;

beforeAll(async () => {
  const diff = await prismaMigrateDiff({
    from: { kind: 'empty' },
    to: { kind: 'schema', schemaPath: path.join(root, 'prisma', 'schema.prisma') },
    cwd: root,
  });
  schemaScript = diff.script;
}, 120_000);

describe.each(testDatabaseKinds)('committed migrations against schema.prisma (%s)', (kind) => {
  let migratedDatabase: TestDatabase;
  let declaredDatabase: TestDatabase;
  let migrated: ConnectedExecutor;
  let declared: ConnectedExecutor;

  beforeEach(async () => {
    [migratedDatabase, declaredDatabase] = await Promise.all([
      createTestDatabase(kind),
      createTestDatabase(kind),
    ]);
    [migrated, declared] = await Promise.all([
      connectExecutor(migratedDatabase),
      connectExecutor(declaredDatabase),
    ]);

    const { logger } = captureLogger();
    await applyMigrations({
      executor: migrated.executor,
      migrationsDir: DEFAULT_MIGRATIONS_DIR,
      logger,
    });
    await declared.executor.executeScript(schemaScript);
  });

  afterEach(async () => {
    await Promise.all([migrated.close(), declared.close()]);
    await Promise.all([migratedDatabase.drop(), declaredDatabase.drop()]);
  });

  const differences = async () =>
    compareCatalogSnapshots(
      await takeCatalogSnapshot(migrated.executor),
      await takeCatalogSnapshot(declared.executor),
      labels,
    );

  it('build exactly the schema that schema.prisma declares', async () => {
    expect(await differences()).toEqual([]);
  });

  it('would report a column that the migrations lack', async () => {
    await declared.executor.executeScript('ALTER TABLE "users" ADD COLUMN "nickname" TEXT');

    expect(await differences()).toEqual([
      'column users.nickname: only in schema.prisma (text null)',
    ]);
  });
});
