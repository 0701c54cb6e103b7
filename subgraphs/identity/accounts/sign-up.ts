import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError } from '../../../platform/errors/app-error.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { IdentityServices } from '../identity-services.js';
import { startSession } from '../sessions/session-service.js';
import { authPayload, type AuthPayloadModel } from './auth-payload.js';
import { displayName } from './display-name.js';
import { normalizeEmail } from './email-address.js';
import { appLink } from './mail-links.js';
import { issueOneTimeToken } from './one-time-tokens.js';
import { assertAcceptablePassword } from '../passwords/password-policy.js';
import { hashPassword } from '../passwords/password-hasher.js';

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/**
 * Creates an account, commits its verification mail with it, and signs the new user in. The
 * email is unverified until the link in that mail is followed.
 */
export async function signUp(
  services: IdentityServices,
  input: SignUpInput,
  deviceName?: string | null,
): Promise<AuthPayloadModel> {
  const email = normalizeEmail(input.email, 'input.email');
  const name = displayName(input.displayName, 'input.displayName');
  assertAcceptablePassword(input.password, { field: 'input.password', email });
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  const hours = services.config.EMAIL_VERIFICATION_TTL_HOURS;

  let user;
  try {
    user = await services.db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, displayName: name, passwordHash, passwordChangedAt: now },
      });
      const token = await issueOneTimeToken(tx, {
        userId: created.id,
        purpose: 'EMAIL_VERIFICATION',
        expiresAt: new Date(now.getTime() + hours * 3_600_000),
        now,
      });
      await enqueueMail(tx, services.secrets, {
        template: 'verify-email',
        recipient: email,
        variables: {
          displayName: name,
          link: appLink(services.config.APP_URL, '/verify-email', token),
          expiresInHours: String(hours),
        },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw appError('CONFLICT', 'An account with this email address already exists.', {
        extensions: { field: 'input.email' },
      });
    }
    throw error;
  }
  services.wakeMail();

  const grant = await startSession(services.sessions, { userId: user.id, deviceName });
  return authPayload(services, user, grant);
}
