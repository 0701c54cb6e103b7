import type { PrismaClient } from '../../generated/prisma/client.js';

/** A message a worker has taken for one delivery attempt. */
export interface ClaimedMessage {
  readonly id: string;
  readonly template: string;
  readonly recipient: string;
  readonly payloadSealed: string | null;
  /** Counting the attempt just claimed. */
  readonly attempts: number;
  /** When the message was enqueued; retries stop once it is older than the retry period. */
  readonly createdAt: Date;
}

/*
 * A claimed message is leased for this long: beyond the SMTP client's timeouts, so another
 * worker takes it over only when the claiming one died before recording the outcome.
 */
const LEASE_MS = 5 * 60_000;

function idOf(row: unknown): string {
  if (typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string') {
    return row.id;
  }
  throw new TypeError('The outbox query returned a row without a string id.');
}

/**
 * Claims up to `limit` due messages for this worker. The rows are locked with SKIP LOCKED, so
 * concurrent workers each get different messages instead of waiting for one another; the
 * attempt is counted and the message leased before the lock is released, so a crash while
 * sending still counts as an attempt and delays the next one.
 */
export function claimDueMessages(
  db: PrismaClient,
  options: { readonly now: Date; readonly limit: number },
): Promise<ClaimedMessage[]> {
  const { now, limit } = options;

  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<unknown[]>`
      SELECT id::text AS id FROM mail_outbox
      WHERE status = 'PENDING' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    const ids = rows.map(idOf);
    if (ids.length === 0) return [];

    await tx.mailMessage.updateMany({
      where: { id: { in: ids } },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    return tx.mailMessage.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        template: true,
        recipient: true,
        payloadSealed: true,
        attempts: true,
        createdAt: true,
      },
      orderBy: { createdAt: 'asc' },
    });
  });
}
