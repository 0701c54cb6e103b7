import { migrateDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logging/logger.js';

/*
 * `npm run db:migrate` applies pending migrations to the database the services would use:
 * DATABASE_URL when set, otherwise the embedded database under DATA_DIR (default ./data).
 * Services do the same at start-up; this is for doing it ahead of a deploy.
 */

const logger = createLogger({ service: 'db-migrate', level: process.env.LOG_LEVEL ?? 'info' });

try {
  const run = await migrateDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || './data',
    logger,
  });
  console.log(
    run.applied.length === 0
      ? 'No pending migrations.'
      : `Applied ${run.applied.length} migration(s): ${run.applied.join(', ')}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
