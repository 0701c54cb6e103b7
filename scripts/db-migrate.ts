import { z } from 'zod';
import { serviceVariables, subgraphDataVariables } from '../platform/config/variables.js';
import { migrateDatabase } from '../platform/db/database.js';
import { runScript } from './run-script.js';

/*
 * `npm run db:migrate` applies pending migrations to the database the services would use:
 * DATABASE_URL when set, otherwise the embedded database under DATA_DIR (default ./data).
 * Services do the same at start-up; this is for doing it ahead of a deploy.
 */
const variables = z.object({
  LOG_LEVEL: serviceVariables.LOG_LEVEL,
  DATA_DIR: serviceVariables.DATA_DIR,
  DATABASE_URL: subgraphDataVariables.DATABASE_URL,
});

await runScript({ command: 'db:migrate', variables }, async (config, logger) => {
  const run = await migrateDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    logger,
  });
  console.log(
    run.applied.length === 0
      ? 'No pending migrations.'
      : `Applied ${run.applied.length} migration(s): ${run.applied.join(', ')}`,
  );
});
