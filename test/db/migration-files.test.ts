import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  migrationChecksum,
  newMigrationName,
  readMigrationFiles,
  scriptMatchesChecksum,
} from '../../platform/db/migration-files.js';
import { createMigrationsFolder, type MigrationsFolder } from './fixtures.js';

describe('migration checksums', () => {
  it('are the SHA-256 of the script in lowercase hex, as Prisma records them', () => {
    expect(migrationChecksum('hello')).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
  });

  it('match a script whose line endings Git converted either way', () => {
    const unix = 'CREATE TABLE a ();\nCREATE TABLE b ();\n';
    const windows = unix.replaceAll('\n', '\r\n');

    expect(scriptMatchesChecksum(windows, migrationChecksum(unix))).toBe(true);
    expect(scriptMatchesChecksum(unix, migrationChecksum(windows))).toBe(true);
  });

  it('do not match a script with any other change', () => {
    const script = 'CREATE TABLE a ();\n';

    expect(scriptMatchesChecksum(`${script} `, migrationChecksum(script))).toBe(false);
  });
});

describe('reading the migrations folder', () => {
  let folder: MigrationsFolder | undefined;

  afterEach(async () => {
    await folder?.remove();
  });

  it('lists migrations by folder name and skips migration_lock.toml', async () => {
    folder = await createMigrationsFolder({
      '20261204000000_second': 'SELECT 2;\n',
      '20261203000000_first': 'SELECT 1;\n',
    });

    const files = await readMigrationFiles(folder.dir);

    expect(files).toEqual([
      {
        name: '20261203000000_first',
        script: 'SELECT 1;\n',
        checksum: migrationChecksum('SELECT 1;\n'),
      },
      {
        name: '20261204000000_second',
        script: 'SELECT 2;\n',
        checksum: migrationChecksum('SELECT 2;\n'),
      },
    ]);
  });

  it('names a missing migrations folder', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-migrations-folder');

    await expect(readMigrationFiles(missing)).rejects.toMatchObject({
      code: 'MIGRATIONS_UNREADABLE',
      message: expect.stringMatching(
        new RegExp(`^Cannot read the migrations folder "${missing}": ENOENT`),
      ),
    });
  });

  it('names a migration folder without migration.sql', async () => {
    folder = await createMigrationsFolder({});
    await mkdir(path.join(folder.dir, '20261203000000_hollow'));

    await expect(readMigrationFiles(folder.dir)).rejects.toMatchObject({
      code: 'MIGRATIONS_UNREADABLE',
      message: expect.stringMatching(
        /^Migration "20261203000000_hollow" has no readable migration.sql: ENOENT/,
      ),
    });
  });
});

describe('naming a new migration', () => {
  const now = new Date('2026-12-24T09:05:07.123Z');

  it('prefixes the UTC time and writes the name in snake case', () => {
    expect(newMigrationName('Add solution notes', now)).toBe('20261224090507_add_solution_notes');
  });

  it('refuses a name without letters or digits', () => {
    expect(() => newMigrationName(' -- ', now)).toThrow(
      'A migration needs a name with letters or digits, got " -- ".',
    );
  });
});
