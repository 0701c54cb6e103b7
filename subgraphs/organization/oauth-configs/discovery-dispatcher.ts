import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';

/**
 * The connection pool for issuer discovery. With a CA file, its authorities are trusted in
 * addition to the system's (an enterprise CA, or a test's own); without one, undici's default
 * is used. The file is read once at start-up, so a missing one stops the service.
 */
export async function createDiscoveryDispatcher(
  caFile: string | undefined,
): Promise<Dispatcher | undefined> {
  if (!caFile) return undefined;
  let pem: string;
  try {
    pem = await readFile(caFile, 'utf8');
  } catch (error) {
    throw new TypeError(`OAUTH_ISSUER_CA_FILE could not be read: ${caFile}`, { cause: error });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new TypeError(`OAUTH_ISSUER_CA_FILE holds no PEM certificate: ${caFile}`);
  }
  return new Agent({ connect: { ca: [...rootCertificates, pem] } });
}
