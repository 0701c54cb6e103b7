import path from 'node:path';
import { signingKeysPath } from '../platform/auth/load-key-ring.js';
import { rotateSigningKeyFile } from '../platform/auth/signing-key-file.js';

/*
 * `npm run keys:rotate`: adds a new signing key to SIGNING_KEYS_FILE (or the development file
 * under DATA_DIR) and makes it current. Running services notice the file change and sign
 * with the new key; tokens signed with the previous key stay valid until they expire.
 */
const file = signingKeysPath({
  signingKeysFile: process.env.SIGNING_KEYS_FILE || undefined,
  dataDir: path.resolve(process.env.DATA_DIR || './data'),
});

try {
  const kid = await rotateSigningKeyFile(file);
  console.log(`New current signing key ${kid} in ${file}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
