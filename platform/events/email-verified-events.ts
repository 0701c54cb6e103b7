import type { Prisma } from '../../generated/prisma/client.js';

/** The channel whose notifications wake the services that act on a verified address. */
export const EMAIL_VERIFIED_CHANNEL = 'email_verified';

export interface EmailVerifiedEvent {
  readonly userId: string;
  readonly email: string;
}

/**
 * Records that a user proved control of an address, inside the transaction that marks it
 * verified: a durable row in `email_verified_events` plus a NOTIFY, sent at commit, that
 * wakes listeners at once. The row is what counts and what listeners read; the notification
 * carries only the user id, and a service that was down when it was sent finds the row when
 * it sweeps on its next start.
 */
export async function recordEmailVerified(
  tx: Prisma.TransactionClient,
  event: EmailVerifiedEvent,
): Promise<void> {
  await tx.emailVerifiedEvent.create({ data: { userId: event.userId, email: event.email } });
  await tx.$executeRaw`SELECT pg_notify(${EMAIL_VERIFIED_CHANNEL}, ${event.userId})`;
}
