import type { Prisma, PrismaClient } from '../../../generated/prisma/client.js';
import {
  SESSION_REVOKED_CHANNEL,
  type SessionRevocations,
} from '../../../platform/auth/session-revocations.js';

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
 * Ends sessions inside the caller's transaction: marks them, adds them to the revocation
 * list every service reads, and announces each id with NOTIFY, which PostgreSQL delivers at
 * commit. Returns the ids that were still active.
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
  await tx.revokedSession.createMany({
    data: ids.map((sessionId) => ({ sessionId, revokedAt: now })),
    skipDuplicates: true,
  });
  for (const id of ids) {
    await tx.$executeRaw`SELECT pg_notify(${SESSION_REVOKED_CHANNEL}, ${id})`;
  }
  return ids;
}

/** Revokes in a transaction of its own and tells this process's revocation set at once. */
export async function revokeSessions(
  db: PrismaClient,
  revocations: SessionRevocations,
  where: Prisma.SessionWhereInput,
  reason: RevocationReason,
): Promise<string[]> {
  const now = new Date();
  const ids = await db.$transaction((tx) => revokeSessionsIn(tx, where, reason, now));
  for (const id of ids) revocations.remember(id, now.getTime());
  await revocations.heard(ids);
  return ids;
}
