import path from 'node:path';
import { CLOCK_TOLERANCE_SECONDS } from '../platform/auth/access-token.js';
import { signingKeysPath } from '../platform/auth/load-key-ring.js';
import { rotateSigningKeyFile } from '../platform/auth/signing-key-file.js';

/*
 * `npm run keys:rotate`: adds a new signing key to SIGNING_KEYS_FILE (or the development file
 * under DATA_DIR) and makes it current. Running services notice the file change and sign
 * with the new key; tokens signed with a previous key stay valid until they expire, because
 * a retired key is kept for ACCESS_TOKEN_TTL_SECONDS plus the clock skew after it retired.
 * Prints the new key id and any key dropped; exits 1 with the reason on failure.
 */
function accessTokenSeconds(): number {
  const raw = process.env.ACCESS_TOKEN_TTL_SECONDS || '900';
  const seconds = Number(raw);
  if (!Number.isSafeInteger(seconds) || seconds < 1) {
    throw new TypeError('ACCESS_TOKEN_TTL_SECONDS must be a positive integer of seconds.');
  }
  return seconds;
}

try {
  const file = signingKeysPath({
    signingKeysFile: process.env.SIGNING_KEYS_FILE || undefined,
    dataDir: path.resolve(process.env.DATA_DIR || './data'),
  });
  const rotation = await rotateSigningKeyFile(file, {
    keepRetiredForSeconds: accessTokenSeconds() + CLOCK_TOLERANCE_SECONDS,
  });
  process.stdout.write(`New current signing key ${rotation.kid} in ${file}\n`);
  for (const kid of rotation.dropped) {
    process.stdout.write(`Dropped signing key ${kid}: retired before any live token\n`);
  }
} catch (error) {
  process.stderr.write(`keys:rotate failed: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
}
