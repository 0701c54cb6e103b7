import { badUserInput } from '../../../platform/errors/app-error.js';
import type { SecretBox, SecretLocation } from '../../../platform/secrets/secret-box.js';

const MAX_SECRET_LENGTH = 4_096;

/** Where a configuration's client secret is sealed: its row, bound to its organization. */
export function clientSecretLocation(configId: string, organizationId: string): SecretLocation {
  return {
    table: 'oauth_configs',
    column: 'client_secret_sealed',
    rowId: configId,
    owner: organizationId,
  };
}

/**
 * The client secret as sent, or undefined when it was omitted (keep the stored one). It is
 * kept exactly as given, since a provider's secret may start or end with a space, and no
 * message ever quotes it.
 */
export function clientSecretInput(secret: string | null | undefined): string | undefined {
  if (secret === null || secret === undefined) return undefined;
  if (secret.length === 0) {
    throw badUserInput('input.clientSecret', 'The client secret must not be empty.');
  }
  if (secret.length > MAX_SECRET_LENGTH) {
    throw badUserInput(
      'input.clientSecret',
      `The client secret must be at most ${MAX_SECRET_LENGTH} characters.`,
    );
  }
  return secret;
}

/** Seals a client secret for the row it is stored in. */
export function sealClientSecret(
  secrets: SecretBox,
  secret: string,
  row: { readonly id: string; readonly organizationId: string },
): string {
  return secrets.seal(secret, clientSecretLocation(row.id, row.organizationId));
}
