import path from 'node:path';
import { openDatabase, type Database } from '../platform/db/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { loadSecretBox } from '../platform/secrets/load-secret-box.js';
import { rewrapSecrets } from '../tools/secrets/rewrap-secrets.js';
import { rotationErrorMessage } from '../tools/secrets/rotation-error.js';

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

const logger = createLogger({ service: 'secrets-rotate', level: process.env.LOG_LEVEL ?? 'warn' });
const dataDir = path.resolve(process.env.DATA_DIR || './data');
let database: Database | undefined;

try {
  const box = await loadSecretBox({
    masterKey: process.env.SECRETS_MASTER_KEY || undefined,
    previousMasterKeys: process.env.SECRETS_PREVIOUS_MASTER_KEYS || undefined,
    dataDir,
    production: process.env.NODE_ENV === 'production',
    logger,
  });
  database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
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
      `${failure.column} row ${failure.id} did not open: ${failure.reason} It was left as it ` +
        'was; add the master key that sealed it to SECRETS_PREVIOUS_MASTER_KEYS and run again.',
    );
  }
  if (report.failures.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(rotationErrorMessage(error));
  process.exitCode = 1;
} finally {
  await database?.close();
}
