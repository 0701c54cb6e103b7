import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import { KeyRing } from './key-ring.js';
import { ensureSigningKeyFile } from './signing-key-file.js';

export interface KeyRingSettings {
  readonly signingKeysFile: string | undefined;
  readonly dataDir: string;
  readonly production: boolean;
  readonly logger: Logger;
}

export function signingKeysPath(settings: Pick<KeyRingSettings, 'signingKeysFile' | 'dataDir'>) {
  return settings.signingKeysFile ?? path.join(settings.dataDir, 'signing-keys.json');
}

/**
 * Loads the signing keys. Outside production a missing file is created once under the data
 * directory, so a new machine works without setup; in production keys must be provisioned,
 * because a key generated on one instance would not be known to the others.
 */
export async function loadKeyRing(settings: KeyRingSettings): Promise<KeyRing> {
  const file = signingKeysPath(settings);
  if (!settings.production) {
    const created = await ensureSigningKeyFile(file);
    if (created) settings.logger.warn({ file }, 'generated a signing key for development');
  }
  return KeyRing.fromFile(file);
}
