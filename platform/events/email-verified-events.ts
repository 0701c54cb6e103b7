import type { Prisma } from '../../generated/prisma/client.js';
import { announceEmailVerified, type EmailVerifiedEvent } from '../auth/email-verified-event.js';

/**
 * Records that a user proved control of an address, inside the transaction that marks it
 * verified: a durable row in `email_verified_events` plus the NOTIFY that wakes listeners at
 * once. The row is what counts; the NOTIFY is lost on a service that is down, and that
 * service finds the row when it sweeps on its next start.
 */
export async function recordEmailVerified(
  tx: Prisma.TransactionClient,
  event: EmailVerifiedEvent,
): Promise<void> {
  await tx.emailVerifiedEvent.create({ data: { userId: event.userId, email: event.email } });
  await announceEmailVerified(tx, event);
}
