import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseError, describeCause } from './database-error.js';

/** One folder of prisma/migrations: `<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  /** The folder name, which Prisma records as `migration_name`. */
  readonly name: string;
  readonly script: string;
  /** What Prisma records as `checksum`: the SHA-256 of migration.sql, lowercase hex. */
  readonly checksum: string;
}

/** The checksum Prisma stores for a migration script. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether a script still matches a recorded checksum. Like Prisma, a script also matches when
 * only its line endings differ, because Git converts them on some checkouts.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [
    script,
    script.replaceAll('\r\n', '\n'),
    script.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n'),
  ];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

async function listMigrationFolders(migrationsDir: string): Promise<string[]> {
  try {
    const entries = await readdir(migrationsDir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    throw new DatabaseError(
      'MIGRATIONS_UNREADABLE',
      `Cannot read the migrations folder "${migrationsDir}": ${describeCause(error)}`,
      { cause: error },
    );
  }
}

async function readMigrationFile(migrationsDir: string, name: string): Promise<MigrationFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(migrationsDir, name, 'migration.sql'));
  } catch (error) {
    throw new DatabaseError(
      'MIGRATIONS_UNREADABLE',
      `Migration "${name}" has no readable migration.sql: ${describeCause(error)}`,
      { cause: error },
    );
  }
  return { name, script: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
}

/**
 * Every migration under `migrationsDir`, in the order Prisma applies them: by folder name,
 * whose timestamp prefix sorts chronologically. Files beside the folders, such as
 * migration_lock.toml, are not migrations.
 */
export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  const names = await listMigrationFolders(migrationsDir);
  names.sort();

  const files: MigrationFile[] = [];
  for (const name of names) {
    files.push(await readMigrationFile(migrationsDir, name));
  }
  return files;
}

/** Prisma caps the descriptive part so the folder name fits `migration_name` VARCHAR(255). */
const MAX_DESCRIPTION_LENGTH = 200;

/**
 * The folder name for a new migration, as Prisma forms it: the UTC time as YYYYMMDDHHMMSS,
 * an underscore, and the description in snake case.
 */
export function newMigrationName(description: string, now: Date): string {
  const words = description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_DESCRIPTION_LENGTH);
  if (words === '') {
    throw new TypeError(`A migration needs a name with letters or digits, got "${description}".`);
  }

  const timestamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${timestamp}_${words}`;
}
