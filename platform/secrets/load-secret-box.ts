import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import { masterKeyFrom, SecretBox, SecretBoxError } from './secret-box.js';

export interface SecretBoxSettings {
  /** Base64 of 32 random bytes, from SECRETS_MASTER_KEY. */
  readonly masterKey: string | undefined;
  /** Older master keys, comma-separated base64, from SECRETS_PREVIOUS_MASTER_KEYS. */
  readonly previousMasterKeys: string | undefined;
  readonly dataDir: string;
  readonly production: boolean;
  readonly logger: Logger;
}

function parseKey(text: string, variable: string) {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new SecretBoxError(`${variable} must be 32 bytes in base64.`);
  return masterKeyFrom(key);
}

/**
 * The master key comes from the environment. Outside production, a missing one is generated
 * once under the data directory, with a warning, so a new machine works without setup.
 */
export async function loadSecretBox(settings: SecretBoxSettings): Promise<SecretBox> {
  const previous = (settings.previousMasterKeys ?? '')
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => parseKey(entry, 'SECRETS_PREVIOUS_MASTER_KEYS'));

  if (settings.masterKey) {
    return new SecretBox(parseKey(settings.masterKey, 'SECRETS_MASTER_KEY'), previous);
  }
  if (settings.production) {
    throw new SecretBoxError('SECRETS_MASTER_KEY is required in production.');
  }

  const file = path.join(settings.dataDir, 'secrets-master-key');
  let text: string;
  let generated = false;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = randomBytes(32).toString('base64');
    generated = true;
    await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' }).catch(async (writeError) => {
      // Another service of this process won the race; use the key it wrote.
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      generated = false;
      text = await readFile(file, 'utf8');
    });
  }
  // Every start says so, not only the first: a key on the same disk as the data it seals
  // protects nothing if the disk is copied, and it must not go unnoticed into a deployment.
  settings.logger.warn(
    { file, generated },
    'secrets are sealed with a generated master key for development; set SECRETS_MASTER_KEY',
  );
  return new SecretBox(parseKey(text, file), previous);
}
