import { recordEmailVerified } from '../../../platform/events/email-verified-events.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { IdentityServices } from '../identity-services.js';
import { assertAcceptablePassword, assertPasswordLength } from '../passwords/password-policy.js';
import { announceRevoked, revokeSessionsIn } from '../sessions/revoke-sessions.js';
import { normalizeEmail } from '../../../platform/graphql/email-address.js';
import { appLink } from './mail-links.js';
import { issueOneTimeToken, lastIssuedAt, redeemOneTimeToken } from './one-time-tokens.js';

/** A new reset mail at most this often per account, so the form cannot be used to spam. */
const REQUEST_INTERVAL_MS = 60_000;

/**
 * Mails a reset link when the address has an account. The answer is the same either way, so
 * the form cannot be used to learn who is registered.
 */
export async function requestPasswordReset(
  services: IdentityServices,
  rawEmail: string,
): Promise<true> {
  const email = normalizeEmail(rawEmail, 'email');
  const now = services.clock();
  const minutes = services.config.PASSWORD_RESET_TTL_MINUTES;

  const sent = await services.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) return false;

    const last = await lastIssuedAt(tx, user.id, 'PASSWORD_RESET');
    if (last && now.getTime() - last.getTime() < REQUEST_INTERVAL_MS) return false;

    const token = await issueOneTimeToken(tx, {
      userId: user.id,
      purpose: 'PASSWORD_RESET',
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      now,
    });
    await enqueueMail(tx, services.secrets, {
      template: 'password-reset',
      recipient: user.email,
      variables: {
        displayName: user.displayName,
        link: appLink(services.config.APP_URL, '/reset-password', token),
        expiresInMinutes: String(minutes),
      },
    });
    return true;
  });
  if (sent) services.wakeMail();
  return true;
}

/**
 * Sets a new password from a reset link, ends every session of the account, and lifts any
 * sign-in delay, so an owner locked out by an attacker's failed attempts gets back in.
 */
export async function resetPassword(
  services: IdentityServices,
  input: { readonly token: string; readonly newPassword: string },
): Promise<true> {
  assertPasswordLength(input.newPassword, 'input.newPassword');
  const now = services.clock();
  const result = await services.db.$transaction(async (tx) => {
    const userId = await redeemOneTimeToken(tx, {
      token: input.token,
      purpose: 'PASSWORD_RESET',
      field: 'input.token',
      now,
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    assertAcceptablePassword(input.newPassword, {
      field: 'input.newPassword',
      email: user.email,
      commonPasswords: services.commonPasswords,
    });
    const passwordHash = await services.passwords.hash(input.newPassword);

    if (!user.emailVerifiedAt) await recordEmailVerified(tx, { userId, email: user.email });
    await tx.user.update({
      where: { id: userId },
      // Following the mailed link proves control of the address, so it counts as verified.
      data: { passwordHash, passwordChangedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now },
    });
    const revoked = await revokeSessionsIn(tx, { userId }, 'password_reset', now);
    await enqueueMail(tx, services.secrets, {
      template: 'password-changed',
      recipient: user.email,
      variables: { displayName: user.displayName },
    });
    return { email: user.email, revoked };
  });

  await announceRevoked(services.sessions, result.revoked, now);
  await services.throttle.resetAccount(result.email);
  services.wakeMail();
  return true;
}
