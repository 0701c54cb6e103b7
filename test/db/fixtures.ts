import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR, pgliteLocation } from '../../platform/db/database.js';
import { acquirePglite } from '../../platform/db/pglite-store.js';
import {
  pgClientExecutor,
  pgliteExecutor,
  type SqlExecutor,
} from '../../platform/db/sql-executor.js';
import { createLogger, type Logger } from '../../platform/logging/logger.js';
import type { TestDatabase } from '../support/databases.js';

export const INIT_MIGRATION = '20261203000000_init';

export function readCommittedMigration(name: string): Promise<string> {
  return readFile(path.join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'), 'utf8');
}

/** A logger whose JSON lines the test can read back. */
export function captureLogger(): { logger: Logger; lines(): Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'debug', destination });
  return { logger, lines: () => [...lines] };
}

export interface ConnectedExecutor {
  readonly executor: SqlExecutor;
  close(): Promise<void>;
}

/** One connection to a test database, as the migration runner gets it at start-up. */
export async function connectExecutor(database: TestDatabase): Promise<ConnectedExecutor> {
  if (database.kind === 'pglite') {
    const shared = await acquirePglite(pgliteLocation(database.dataDir));
    return { executor: pgliteExecutor(shared.pglite), close: () => shared.release() };
  }

  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  return { executor: pgClientExecutor(client), close: () => client.end() };
}

/** A migrations folder of the given migrations, in a temporary directory of its own. */
export interface MigrationsFolder {
  readonly dir: string;
  write(name: string, script: string): Promise<void>;
  remove(): Promise<void>;
}

export async function createMigrationsFolder(
  migrations: Readonly<Record<string, string>>,
): Promise<MigrationsFolder> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'test-migrations-'));
  const write = async (name: string, script: string) => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'migration.sql'), script);
  };

  for (const [name, script] of Object.entries(migrations)) await write(name, script);
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface RecordedMigration {
  readonly migrationName: string;
  readonly checksum: string;
  readonly finished: boolean;
  readonly appliedStepsCount: number;
}

export async function recordedMigrations(executor: SqlExecutor): Promise<RecordedMigration[]> {
  const rows = await executor.query(
    `SELECT migration_name, checksum, finished_at, applied_steps_count
       FROM _prisma_migrations ORDER BY migration_name`,
  );
  return rows.map((row) => ({
    migrationName: String(row.migration_name),
    checksum: String(row.checksum),
    finished: row.finished_at instanceof Date,
    appliedStepsCount: Number(row.applied_steps_count),
  }));
}

export async function tableExists(executor: SqlExecutor, table: string): Promise<boolean> {
  const [row] = await executor.query('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  return row?.present === true;
}
