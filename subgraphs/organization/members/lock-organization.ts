import type { Prisma } from '../../../generated/prisma/client.js';

/**
 * Locks the organization row for the rest of the transaction, so that changes to its
 * members are made one at a time. Without it, two owners demoting each other at the same
 * moment would both see a second owner and leave the organization with none.
 */
export async function lockOrganization(
  tx: Prisma.TransactionClient,
  organizationId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
}
