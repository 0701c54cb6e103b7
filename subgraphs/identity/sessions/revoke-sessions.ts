import type { Prisma } from '../../../generated/prisma/client.js';
import { SESSION_REVOKED_CHANNEL } from '../../../platform/auth/session-revocations.js';
import type { SessionServices } from './session-service.js';

/** Why a session ended; stored with it and shown in logs, never to other users. */
export type RevocationReason =
  | 'sign_out'
  | 'sign_out_everywhere'
  | 'revoked_by_user'
  | 'refresh_token_reuse'
  | 'password_reset'
  | 'password_changed';

type Transaction = Prisma.TransactionClient;

/**
 * Ends sessions inside the caller's transaction: marks them, drops any successor token still
 * sealed for the grace window, adds them to the revocation list every service reads, and
 * announces each id with NOTIFY, which PostgreSQL delivers at commit. Returns the ids that
 * were still active.
 */
export async function revokeSessionsIn(
  tx: Transaction,
  where: Prisma.SessionWhereInput,
  reason: RevocationReason,
  now: Date,
): Promise<string[]> {
  const active = await tx.session.findMany({
    where: { ...where, revokedAt: null },
    select: { id: true },
  });
  const ids = active.map((session) => session.id);
  if (ids.length === 0) return ids;

  await tx.session.updateMany({
    where: { id: { in: ids }, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  await tx.refreshToken.updateMany({
    where: { sessionId: { in: ids }, successorSealed: { not: null } },
    data: { successorSealed: null },
  });
  await tx.revokedSession.createMany({
    data: ids.map((sessionId) => ({ sessionId, revokedAt: now })),
    skipDuplicates: true,
  });
  for (const id of ids) {
    await tx.$executeRaw`SELECT pg_notify(${SESSION_REVOKED_CHANNEL}, ${id})`;
  }
  return ids;
}

/** Tells this process's revocation set at once, before the NOTIFY comes back. */
export async function announceRevoked(
  services: SessionServices,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  for (const id of ids) services.revocations.remember(id, now.getTime());
  await services.revocations.heard(ids);
}

/** Revokes in a transaction of its own and tells this process's revocation set at once. */
export async function revokeSessions(
  services: SessionServices,
  where: Prisma.SessionWhereInput,
  reason: RevocationReason,
): Promise<string[]> {
  const now = services.clock();
  const ids = await services.db.$transaction((tx) => revokeSessionsIn(tx, where, reason, now));
  await announceRevoked(services, ids, now);
  return ids;
}
