import { z } from 'zod';
import { serviceVariables, subgraphDataVariables } from '../platform/config/variables.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { loadSecretBox } from '../platform/secrets/load-secret-box.js';
import { rewrapSecrets } from '../tools/secrets/rewrap-secrets.js';
import { rotationErrorMessage } from '../tools/secrets/rotation-error.js';
import { runScript } from './run-script.js';

/*
 * `npm run secrets:rotate` re-seals every stored secret under the current SECRETS_MASTER_KEY.
 * Rotation: make the new key SECRETS_MASTER_KEY and list the old one in
 * SECRETS_PREVIOUS_MASTER_KEYS on every service, restart them, run this, then drop the old key.
 * It reads DATABASE_URL and DATA_DIR as the services do, applies no migrations, and can be
 * run again at any time: values already under the current key are skipped.
 *
 * It is a command-line tool, so its report goes to stdout and its errors to stderr as plain
 * lines rather than through the services' JSON logger; errors never carry a key or the
 * database's credentials (see rotation-error.ts).
 */
const variables = z.object({
  NODE_ENV: serviceVariables.NODE_ENV,
  // Quiet unless asked: the report is the output.
  LOG_LEVEL: serviceVariables.LOG_LEVEL.unwrap().default('warn'),
  DATA_DIR: serviceVariables.DATA_DIR,
  DATABASE_URL: subgraphDataVariables.DATABASE_URL,
  SECRETS_MASTER_KEY: subgraphDataVariables.SECRETS_MASTER_KEY,
  SECRETS_PREVIOUS_MASTER_KEYS: subgraphDataVariables.SECRETS_PREVIOUS_MASTER_KEYS,
});

await runScript(
  { command: 'secrets:rotate', variables, explainFailure: (error) => rotationErrorMessage(error) },
  async (config, logger) => {
    const box = await loadSecretBox({
      masterKey: config.SECRETS_MASTER_KEY,
      previousMasterKeys: config.SECRETS_PREVIOUS_MASTER_KEYS,
      dataDir: config.DATA_DIR,
      production: config.NODE_ENV === 'production',
      logger,
    });
    let database: Database | undefined;
    try {
      database = await openDatabase({
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
        logger,
        migrate: false,
      });

      const report = await rewrapSecrets(database.prisma, box);
      for (const column of report.columns) {
        console.log(
          `${column.column}: ${column.rewrapped} re-sealed, ${column.current} already current, ` +
            `${column.changed} changed meanwhile, ${column.failed} failed`,
        );
      }
      for (const failure of report.failures) {
        console.error(
          `${failure.column} row ${failure.id} did not open: ${failure.reason} It was left ` +
            'as it was; add the master key that sealed it to SECRETS_PREVIOUS_MASTER_KEYS ' +
            'and run again.',
        );
      }
      if (report.failures.length > 0) process.exitCode = 1;
    } finally {
      await database?.close();
    }
  },
);
