import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../logging/logger.js';
import { DatabaseError, describeCause } from './database-error.js';
import type { Notifications } from './notifications.js';
import { pgliteNotifications } from './pglite-notifications.js';
import { postgresNotifications } from './postgres-notifications.js';
import { applyMigrations, type MigrationRun } from './migrations.js';
import { pglitePrismaAdapter, type PrismaAdapterFactory } from './pglite-adapter.js';
import { acquirePglite, isMemoryLocation } from './pglite-store.js';
import { createPostgresPool, withDedicatedConnection } from './postgres-pool.js';
import { pgClientExecutor, pgliteExecutor } from './sql-executor.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** The database of one service: Prisma for its queries, plus what its probes and shutdown need. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** LISTEN/NOTIFY on this database, e.g. for the session revocation feed. */
  readonly notifications: Notifications;
  /** Runs `SELECT 1`; throws a `DatabaseError` (DATABASE_UNAVAILABLE) when there is no answer. */
  ping(): Promise<void>;
  /** Disconnects Prisma and gives back the pool or the shared embedded instance. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection URL; without one the embedded PGlite database is used. */
  readonly databaseUrl?: string;
  /** PGlite keeps its files in `<dataDir>/pglite`; a `memory://` value keeps them in memory. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** Apply pending migrations before returning; true unless said otherwise. */
  readonly migrate?: boolean;
  /** Defaults to the project's prisma/migrations. */
  readonly migrationsDir?: string;
}

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

/** Where the embedded database for `dataDir` keeps its files. */
export function pgliteLocation(dataDir: string): string {
  return isMemoryLocation(dataDir) ? dataDir : path.resolve(dataDir, 'pglite');
}

/** What differs between the embedded database and a PostgreSQL server. */
interface Backend {
  readonly kind: DatabaseKind;
  readonly adapter: PrismaAdapterFactory;
  readonly notifications: Notifications;
  selectOne(): Promise<void>;
  migrate(migrationsDir: string): Promise<MigrationRun>;
  close(): Promise<void>;
}

async function openPgliteBackend(dataDir: string, logger: Logger): Promise<Backend> {
  const location = pgliteLocation(dataDir);
  const shared = await acquirePglite(location).catch((error: unknown) => {
    throw new DatabaseError(
      'DATABASE_UNAVAILABLE',
      `Could not open the embedded database in "${location}": ${describeCause(error)}`,
      { cause: error },
    );
  });
  const executor = pgliteExecutor(shared.pglite);

  return {
    kind: 'pglite',
    adapter: pglitePrismaAdapter(shared.pglite),
    notifications: pgliteNotifications(shared.pglite),
    async selectOne() {
      await shared.pglite.query('SELECT 1');
    },
    migrate: (migrationsDir) =>
      shared.exclusive(() => applyMigrations({ executor, migrationsDir, logger })),
    close: () => shared.release(),
  };
}

function openPostgresBackend(databaseUrl: string, logger: Logger): Backend {
  const pool = createPostgresPool(databaseUrl, logger);
  const notifications = postgresNotifications(databaseUrl, logger);

  return {
    kind: 'postgres',
    adapter: new PrismaPg(pool),
    notifications,
    async selectOne() {
      await pool.query('SELECT 1');
    },
    migrate: (migrationsDir) =>
      withDedicatedConnection(pool, logger, (client) =>
        applyMigrations({ executor: pgClientExecutor(client), migrationsDir, logger }),
      ),
    close: async () => {
      await notifications.close();
      await pool.end();
    },
  };
}

function openBackend(options: OpenDatabaseOptions): Promise<Backend> {
  if (options.databaseUrl) {
    return Promise.resolve(openPostgresBackend(options.databaseUrl, options.logger));
  }
  return openPgliteBackend(options.dataDir, options.logger);
}

async function migrateBackend(backend: Backend, migrationsDir: string): Promise<MigrationRun> {
  try {
    return await backend.migrate(migrationsDir);
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(
      'DATABASE_UNAVAILABLE',
      `Could not reach the ${backend.kind} database to apply migrations: ${describeCause(error)}`,
      { cause: error },
    );
  }
}

function databaseOn(backend: Backend, prisma: PrismaClient): Database {
  let closing: Promise<void> | undefined;

  return {
    kind: backend.kind,
    prisma,
    notifications: backend.notifications,
    async ping() {
      if (closing) throw new DatabaseError('DATABASE_UNAVAILABLE', 'The database was closed.');
      try {
        await backend.selectOne();
      } catch (error) {
        throw new DatabaseError(
          'DATABASE_UNAVAILABLE',
          `The ${backend.kind} database did not answer SELECT 1: ${describeCause(error)}`,
          { cause: error },
        );
      }
    },
    close() {
      closing ??= prisma.$disconnect().then(() => backend.close());
      return closing;
    },
  };
}

/**
 * Opens the database a service works with: PostgreSQL when `databaseUrl` is given, otherwise
 * the embedded PGlite database under `dataDir`, shared with other services of this process.
 * Pending migrations are applied first unless `migrate` is false.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { logger, migrate = true, migrationsDir = DEFAULT_MIGRATIONS_DIR } = options;
  const backend = await openBackend(options);

  if (migrate) {
    try {
      await migrateBackend(backend, migrationsDir);
    } catch (error) {
      await backend.close();
      throw error;
    }
  }

  logger.info({ database: backend.kind }, 'database opened');
  return databaseOn(backend, new PrismaClient({ adapter: backend.adapter }));
}

/** Applies pending migrations and closes again: what `npm run db:migrate` does. */
export async function migrateDatabase(
  options: Omit<OpenDatabaseOptions, 'migrate'>,
): Promise<MigrationRun> {
  const backend = await openBackend(options);
  try {
    return await migrateBackend(backend, options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  } finally {
    await backend.close();
  }
}
