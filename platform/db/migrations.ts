import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { DatabaseError, describeCause } from './database-error.js';
import {
  readMigrationFiles,
  scriptMatchesChecksum,
  type MigrationFile,
} from './migration-files.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

/**
 * The advisory lock key Prisma Migrate itself takes. Sharing it means our runner and the
 * Prisma CLI (`migrate resolve`, `migrate dev`) never change the history at the same time.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/**
 * Prisma's own DDL for its history table, character for character, so `prisma migrate status`
 * and the rest of Prisma's tooling read what we record.
 */
export const PRISMA_MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export interface ApplyMigrationsOptions {
  /** One connection: the advisory lock belongs to the session that took it. */
  readonly executor: SqlExecutor;
  readonly migrationsDir: string;
  readonly logger: Logger;
}

export interface MigrationRun {
  /** Names of the migrations this run applied, in order. */
  readonly applied: readonly string[];
}

interface RecordedMigration {
  readonly name: string;
  readonly checksum: string;
  readonly finished: boolean;
  readonly rolledBack: boolean;
}

function toRecordedMigration(row: SqlRow): RecordedMigration {
  return {
    name: String(row.migration_name),
    checksum: String(row.checksum),
    finished: row.finished_at !== null,
    rolledBack: row.rolled_back_at !== null,
  };
}

async function historyStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new DatabaseError(
      'MIGRATION_HISTORY_UNAVAILABLE',
      `Could not ${what}: ${describeCause(error)}`,
      { cause: error },
    );
  }
}

async function acquireLock(executor: SqlExecutor, logger: Logger): Promise<void> {
  const [row] = await executor.query('SELECT pg_try_advisory_lock($1) AS locked', [
    MIGRATION_LOCK_KEY,
  ]);
  if (row?.locked === true) return;

  // Another service or process is migrating; once it finishes there is usually nothing left.
  logger.info('another process is applying migrations; waiting for it to finish');
  await executor.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
}

async function readHistory(executor: SqlExecutor): Promise<RecordedMigration[]> {
  const [table] = await executor.query(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
  );
  if (table?.present !== true) {
    await executor.executeScript(PRISMA_MIGRATIONS_TABLE_DDL);
    return [];
  }

  const rows = await executor.query(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM _prisma_migrations ORDER BY started_at`,
  );
  return rows.map(toRecordedMigration);
}

/** Checks the history against the files before anything runs, so a bad state changes nothing. */
function pendingMigrations(
  files: readonly MigrationFile[],
  history: readonly RecordedMigration[],
  logger: Logger,
): MigrationFile[] {
  const current = history.filter((record) => !record.rolledBack);

  const unfinished = current.find((record) => !record.finished);
  if (unfinished) {
    throw new DatabaseError(
      'MIGRATION_INCOMPLETE',
      `Migration "${unfinished.name}" is recorded in _prisma_migrations as started but not ` +
        'finished. Check the database by hand, then mark it with `prisma migrate resolve`.',
    );
  }

  const applied = new Map(current.map((record) => [record.name, record.checksum]));
  for (const file of files) {
    const checksum = applied.get(file.name);
    if (checksum !== undefined && !scriptMatchesChecksum(file.script, checksum)) {
      throw new DatabaseError(
        'MIGRATION_MODIFIED',
        `Migration "${file.name}" was edited after it was applied: its checksum no longer ` +
          'matches the one in _prisma_migrations. Restore the file and put the change in a ' +
          'new migration.',
      );
    }
  }

  const known = new Set(files.map((file) => file.name));
  for (const name of applied.keys()) {
    // A newer release may have run first; its tables are a superset, so this one can start.
    if (!known.has(name)) logger.warn({ migration: name }, 'applied migration has no file here');
  }

  return files.filter((file) => !applied.has(file.name));
}

async function applyMigration(executor: SqlExecutor, file: MigrationFile): Promise<void> {
  try {
    await executor.transaction(async (tx) => {
      await tx.executeScript(file.script);
      // now() is the transaction's start and clock_timestamp() the present, as Prisma records
      // the two ends of a run.
      await tx.query(
        `INSERT INTO _prisma_migrations
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at,
            applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
        [randomUUID(), file.checksum, file.name],
      );
    });
  } catch (error) {
    throw new DatabaseError(
      'MIGRATION_FAILED',
      `Migration "${file.name}" failed and was rolled back: ${describeCause(error)}`,
      { cause: error },
    );
  }
}

/**
 * Applies the migrations under `migrationsDir` that the database has not recorded yet, each in
 * its own transaction, while holding Prisma's advisory lock on the executor's connection.
 * Running it again, or from several processes at once, applies each migration exactly once.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<MigrationRun> {
  const { executor, migrationsDir, logger } = options;
  const files = await readMigrationFiles(migrationsDir);

  await historyStep('take the migration lock', () => acquireLock(executor, logger));
  try {
    const history = await historyStep('read _prisma_migrations', () => readHistory(executor));
    const pending = pendingMigrations(files, history, logger);

    const applied: string[] = [];
    for (const file of pending) {
      await applyMigration(executor, file);
      logger.info({ migration: file.name }, 'applied migration');
      applied.push(file.name);
    }

    logger.debug({ applied: applied.length, total: files.length }, 'migrations are up to date');
    return { applied };
  } finally {
    // If the connection is gone the server has released the lock with the session.
    await executor
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch((error: unknown) => {
        logger.warn({ reason: describeCause(error) }, 'could not release the migration lock');
      });
  }
}
