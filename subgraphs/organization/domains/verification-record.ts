import { randomBytes } from 'node:crypto';
import type { Domain } from '../../../generated/prisma/client.js';

/**
 * The owner label under which the TXT record is published. A leading underscore keeps it
 * apart from host names (RFC 8552), and the name says whose challenge it is.
 */
export const CHALLENGE_LABEL = '_federated-identity-challenge';

const VALUE_PREFIX = 'federated-identity-verification=';

/** 256 random bits: the proof that whoever publishes the record controls the domain's DNS. */
export function newVerificationToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface DnsRecord {
  readonly type: 'TXT';
  readonly name: string;
  readonly value: string;
}

/** The TXT record an admin publishes to prove control of the domain. */
export function verificationRecord(
  domain: Pick<Domain, 'domain' | 'verificationToken'>,
): DnsRecord {
  return {
    type: 'TXT',
    name: `${CHALLENGE_LABEL}.${domain.domain}`,
    value: `${VALUE_PREFIX}${domain.verificationToken}`,
  };
}
