import { z } from 'zod';
import { CLOCK_TOLERANCE_SECONDS } from '../platform/auth/access-token.js';
import { signingKeysPath } from '../platform/auth/load-key-ring.js';
import { rotateSigningKeyFile } from '../platform/auth/signing-key-file.js';
import { serviceVariables, subgraphDataVariables } from '../platform/config/variables.js';
import { runScript } from './run-script.js';

/*
 * `npm run keys:rotate`: adds a new signing key to SIGNING_KEYS_FILE (or the development file
 * under DATA_DIR) and makes it current. Running services notice the file change and sign
 * with the new key; tokens signed with a previous key stay valid until they expire, because
 * a retired key is kept for ACCESS_TOKEN_TTL_SECONDS plus the clock skew after it retired.
 * Prints the new key id and any key dropped; exits 1 with the reason on failure.
 */
const variables = z.object({
  DATA_DIR: serviceVariables.DATA_DIR,
  SIGNING_KEYS_FILE: serviceVariables.SIGNING_KEYS_FILE,
  ACCESS_TOKEN_TTL_SECONDS: subgraphDataVariables.ACCESS_TOKEN_TTL_SECONDS,
});

await runScript({ command: 'keys:rotate', variables }, async (config) => {
  const file = signingKeysPath({
    signingKeysFile: config.SIGNING_KEYS_FILE,
    dataDir: config.DATA_DIR,
  });
  const rotation = await rotateSigningKeyFile(file, {
    keepRetiredForSeconds: config.ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
  });
  process.stdout.write(`New current signing key ${rotation.kid} in ${file}\n`);
  for (const kid of rotation.dropped) {
    process.stdout.write(`Dropped signing key ${kid}: retired before any live token\n`);
  }
});
