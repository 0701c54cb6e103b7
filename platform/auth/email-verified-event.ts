import type { Prisma } from '../../generated/prisma/client.js';

/** The channel on which identity announces that a user proved control of an address. */
export const EMAIL_VERIFIED_CHANNEL = 'email_verified';

export interface EmailVerifiedEvent {
  readonly userId: string;
  readonly email: string;
}

/** Announces a verification inside the transaction that records it; sent at commit. */
export async function announceEmailVerified(
  tx: Prisma.TransactionClient,
  event: EmailVerifiedEvent,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${EMAIL_VERIFIED_CHANNEL}, ${JSON.stringify(event)})`;
}

/** Reads an announcement; anything that is not one is ignored by returning undefined. */
export function parseEmailVerifiedEvent(payload: string): EmailVerifiedEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { userId, email } = value as Record<string, unknown>;
  return typeof userId === 'string' && typeof email === 'string' ? { userId, email } : undefined;
}
