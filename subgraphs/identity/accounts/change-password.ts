import { appError } from '../../../platform/errors/app-error.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { Viewer } from '../../../platform/auth/viewer.js';
import type { IdentityServices } from '../identity-services.js';
import { assertAcceptablePassword, assertPasswordLength } from '../passwords/password-policy.js';
import { announceRevoked, revokeSessionsIn } from '../sessions/revoke-sessions.js';

/**
 * Changes the signed-in user's password after checking the current one, and ends every other
 * session: whoever else knew the old password is signed out, this device stays signed in.
 */
export async function changePassword(
  services: IdentityServices,
  viewer: Viewer,
  input: { readonly currentPassword: string; readonly newPassword: string },
  clientAddress: string,
): Promise<true> {
  assertPasswordLength(input.currentPassword, 'input.currentPassword');
  assertPasswordLength(input.newPassword, 'input.newPassword');
  const user = await services.db.user.findUnique({ where: { id: viewer.userId } });
  if (!user) throw appError('UNAUTHENTICATED', 'The account no longer exists.');

  const attempt = { account: user.email, address: clientAddress };
  const decision = await services.throttle.check(attempt);
  if (!decision.allowed) {
    throw appError('RATE_LIMITED', 'Too many failed attempts; try again later.', {
      extensions: { retryAfterSeconds: decision.retryAfterSeconds },
    });
  }
  const check = user.passwordHash
    ? await services.passwords.verify(user.passwordHash, input.currentPassword)
    : { valid: false as const };
  if (!check.valid) {
    await services.throttle.recordFailure(attempt);
    throw appError('FORBIDDEN', 'The current password is incorrect.', {
      extensions: { field: 'input.currentPassword' },
    });
  }

  assertAcceptablePassword(input.newPassword, {
    field: 'input.newPassword',
    email: user.email,
    commonPasswords: services.commonPasswords,
  });
  const passwordHash = await services.passwords.hash(input.newPassword);
  const now = services.clock();

  const revoked = await services.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: now },
    });
    const ids = await revokeSessionsIn(
      tx,
      { userId: user.id, id: { not: viewer.sessionId } },
      'password_changed',
      now,
    );
    await enqueueMail(tx, services.secrets, {
      template: 'password-changed',
      recipient: user.email,
      variables: { displayName: user.displayName },
    });
    return ids;
  });

  await announceRevoked(services.sessions, revoked, now);
  services.wakeMail();
  return true;
}
