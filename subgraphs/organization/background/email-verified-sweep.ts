import type { PrismaClient } from '../../../generated/prisma/client.js';
import { autoProvision, type ProvisionedMembership } from '../join-requests/auto-provision.js';

const BATCH_SIZE = 50;

/** What one sweep did: the events it processed and the memberships they made. */
export interface SweepReport {
  readonly processed: number;
  readonly joined: readonly (ProvisionedMembership & { readonly userId: string })[];
}

/**
 * Processes every verified-email event organization has not processed yet, oldest first.
 * Each event is claimed and provisioned in one transaction: of several instances sweeping at
 * once, the conditional update lets exactly one handle it, and a crash before the commit
 * leaves it for the next sweep.
 */
export async function sweepEmailVerifiedEvents(
  db: PrismaClient,
  now: () => Date = () => new Date(),
): Promise<SweepReport> {
  let processed = 0;
  const joined: SweepReport['joined'][number][] = [];

  for (;;) {
    const pending = await db.emailVerifiedEvent.findMany({
      where: { processedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH_SIZE,
    });
    for (const event of pending) {
      const memberships = await db.$transaction(async (tx) => {
        const claimed = await tx.emailVerifiedEvent.updateMany({
          where: { id: event.id, processedAt: null },
          data: { processedAt: now() },
        });
        if (claimed.count === 0) return null;
        return autoProvision(tx, event, 'email_verification');
      });
      if (memberships === null) continue;
      processed += 1;
      joined.push(...memberships.map((membership) => ({ ...membership, userId: event.userId })));
    }
    if (pending.length < BATCH_SIZE) return { processed, joined };
  }
}

/** Processed events are kept a week for inspection, then dropped: they hold addresses. */
export const PROCESSED_EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function deleteOldEmailVerifiedEvents(db: PrismaClient, now = new Date()) {
  const before = new Date(now.getTime() - PROCESSED_EVENT_RETENTION_MS);
  const { count } = await db.emailVerifiedEvent.deleteMany({
    where: { processedAt: { lt: before } },
  });
  return count;
}
