import type { Prisma } from '../../../generated/prisma/client.js';

/**
 * Serialises, until the transaction ends, every change that decides who owns a domain name.
 * The schema allows one row per organization and name, so "verified by at most one
 * organization" is a rule only these transactions can keep; the lock makes a second
 * verification of the same name wait and then see the first.
 */
export async function lockDomainName(tx: Prisma.TransactionClient, domain: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`domain:${domain}`}))`;
}

/** Another organization's verified claim on the name, if there is one. */
export function verifiedElsewhere(
  tx: Prisma.TransactionClient,
  domain: string,
  organizationId: string,
) {
  return tx.domain.findFirst({
    where: { domain, status: 'VERIFIED', organizationId: { not: organizationId } },
    select: { id: true },
  });
}
