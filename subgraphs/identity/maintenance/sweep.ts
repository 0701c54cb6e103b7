import type { PrismaClient } from '../../../generated/prisma/client.js';

const DAY_MS = 86_400_000;

/**
 * Expired one-time tokens are kept this long after expiry, so that following an old link
 * still answers "has expired" or "a newer link was sent" rather than "not valid"; a hash of
 * a dead token is worth nothing to anyone who reads it.
 */
export const ONE_TIME_TOKENS_KEPT_AFTER_EXPIRY_MS = 7 * DAY_MS;

/**
 * Drops every successor token still sealed past its grace window. Reads after the window
 * drop it too; this catches the tokens nobody presents again, so no live refresh token stays
 * in the database, even encrypted, much beyond the window.
 */
export async function clearLapsedSuccessors(
  db: PrismaClient,
  options: { readonly now: Date; readonly graceSeconds: number },
): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.graceSeconds * 1000);
  const cleared = await db.refreshToken.updateMany({
    where: { successorSealed: { not: null }, rotatedAt: { lt: cutoff } },
    data: { successorSealed: null },
  });
  return cleared.count;
}

export interface RetentionPolicy {
  /** How long a revocation must be remembered: the access token lifetime plus clock skew. */
  readonly revocationHorizonSeconds: number;
  /** How long a sent message's row is kept, for support questions about delivery. */
  readonly mailRetentionMs: number;
  /** How long the worker retries a message; a FAILED row is kept this plus the retention. */
  readonly mailRetryForMs: number;
}

export interface RetentionSweep {
  readonly refreshTokens: number;
  readonly oneTimeTokens: number;
  readonly revokedSessions: number;
  readonly mailMessages: number;
}

/** Deletes what no check will ever read again; each kind in a statement of its own. */
export async function deleteExpiredRecords(
  db: PrismaClient,
  options: { readonly now: Date; readonly policy: RetentionPolicy },
): Promise<RetentionSweep> {
  const { now, policy } = options;
  const before = (ms: number) => new Date(now.getTime() - ms);

  // An expired refresh token is refused as invalid whether or not its row exists.
  const refreshTokens = await db.refreshToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const oneTimeTokens = await db.oneTimeToken.deleteMany({
    where: { expiresAt: { lte: before(ONE_TIME_TOKENS_KEPT_AFTER_EXPIRY_MS) } },
  });
  // No access token naming these sessions is still unexpired, and the revocation feed
  // only ever loads the horizon.
  const revokedSessions = await db.revokedSession.deleteMany({
    where: { revokedAt: { lt: before(policy.revocationHorizonSeconds * 1000) } },
  });
  const mailMessages = await db.mailMessage.deleteMany({
    where: {
      OR: [
        { status: 'SENT', sentAt: { lt: before(policy.mailRetentionMs) } },
        {
          status: 'FAILED',
          createdAt: { lt: before(policy.mailRetentionMs + policy.mailRetryForMs) },
        },
      ],
    },
  });

  return {
    refreshTokens: refreshTokens.count,
    oneTimeTokens: oneTimeTokens.count,
    revokedSessions: revokedSessions.count,
    mailMessages: mailMessages.count,
  };
}
