import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newMigrationName, readMigrationFiles } from '../platform/db/migration-files.js';
import { prismaMigrateDiff } from '../platform/db/prisma-cli.js';

/*
 * `npm run db:diff -- <name>` writes prisma/migrations/<UTC timestamp>_<name>/migration.sql:
 * the SQL that takes a database built by the committed migrations to prisma/schema.prisma.
 *
 * Prisma replays the committed migrations into a fresh in-memory PGlite shadow database and
 * diffs it against the schema (`--from-migrations`), through the config in
 * scripts/prisma-diff.config.ts, which says why that config is needed offline. Diffing from
 * the history rather than from a kept copy of the old schema means hand edits to a migration,
 * such as a data fix, are part of what the next diff starts from.
 */

const root = path.resolve(import.meta.dirname, '..');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const schemaPath = path.join(root, 'prisma', 'schema.prisma');

async function main(description: string | undefined): Promise<void> {
  if (!description) {
    console.error('Usage: npm run db:diff -- <name>   e.g. npm run db:diff -- add_solution_notes');
    process.exitCode = 1;
    return;
  }
  const name = newMigrationName(description, new Date());

  const existing = await readMigrationFiles(migrationsDir);
  const latest = existing.at(-1)?.name;
  if (latest !== undefined && latest.slice(0, 14) >= name.slice(0, 14)) {
    // Prisma applies migrations in name order, so the new one has to sort last.
    console.error(`The clock gives ${name}, which does not sort after ${latest}; check the time.`);
    process.exitCode = 1;
    return;
  }

  const diff = await prismaMigrateDiff({
    from: { kind: 'migrations', migrationsDir },
    to: { kind: 'schema', schemaPath },
    cwd: root,
    configPath: path.join(root, 'scripts', 'prisma-diff.config.ts'),
  });
  if (diff.empty) {
    console.log('prisma/schema.prisma matches the migrations; no migration written.');
    return;
  }

  const folder = path.join(migrationsDir, name);
  await mkdir(folder);
  await writeFile(path.join(folder, 'migration.sql'), diff.script);
  console.log(`Wrote ${path.relative(root, path.join(folder, 'migration.sql'))}`);
}

try {
  await main(process.argv[2]);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
