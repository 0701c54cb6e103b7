import type { Prisma, User } from '../../../generated/prisma/client.js';
import { recordEmailVerified } from '../../../platform/events/email-verified-events.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { IdentityServices } from '../identity-services.js';
import { appLink } from './mail-links.js';
import { issueOneTimeToken, lastIssuedAt, redeemOneTimeToken } from './one-time-tokens.js';

/** A new verification mail at most this often, so the button cannot be used to spam. */
const RESEND_INTERVAL_MS = 60_000;

/** Issues a verification link for the user and commits its mail in the same transaction. */
export async function sendVerificationMail(
  tx: Prisma.TransactionClient,
  services: IdentityServices,
  user: { readonly id: string; readonly email: string; readonly displayName: string },
  now: Date,
): Promise<void> {
  const hours = services.config.EMAIL_VERIFICATION_TTL_HOURS;
  const token = await issueOneTimeToken(tx, {
    userId: user.id,
    purpose: 'EMAIL_VERIFICATION',
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
    now,
  });
  await enqueueMail(tx, services.secrets, {
    template: 'verify-email',
    recipient: user.email,
    variables: {
      displayName: user.displayName,
      link: appLink(services.config.APP_URL, '/verify-email', token),
      expiresInHours: String(hours),
    },
  });
}

/** Follows the link from the verification mail; works without being signed in. */
export async function verifyEmail(services: IdentityServices, token: string): Promise<User> {
  const now = services.clock();
  return services.db.$transaction(async (tx) => {
    const userId = await redeemOneTimeToken(tx, {
      token,
      purpose: 'EMAIL_VERIFICATION',
      field: 'token',
      now,
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.emailVerifiedAt) return user;
    await recordEmailVerified(tx, { userId, email: user.email });
    return tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } });
  });
}

/**
 * Sends a fresh verification link. Answers false when there is nothing to do: the address
 * is verified already, or a link went out within the last minute.
 */
export async function resendVerificationEmail(
  services: IdentityServices,
  userId: string,
): Promise<boolean> {
  const now = services.clock();
  const sent = await services.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user || user.emailVerifiedAt) return false;

    const last = await lastIssuedAt(tx, userId, 'EMAIL_VERIFICATION');
    if (last && now.getTime() - last.getTime() < RESEND_INTERVAL_MS) return false;

    await sendVerificationMail(tx, services, user, now);
    return true;
  });
  if (sent) services.wakeMail();
  return sent;
}
