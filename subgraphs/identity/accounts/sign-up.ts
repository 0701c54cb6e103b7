import type { Prisma } from '../../../generated/prisma/client.js';
import { recordEmailVerified } from '../../../platform/events/email-verified-events.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError, badUserInput } from '../../../platform/errors/app-error.js';
import type { IdentityServices } from '../identity-services.js';
import { startSession } from '../sessions/session-service.js';
import { authPayload, type AuthPayloadModel } from './auth-payload.js';
import { normalizeEmail } from '../../../platform/graphql/email-address.js';
import { displayName } from './display-name.js';
import { sendVerificationMail } from './email-verification.js';
import { tokenHash } from '../../../platform/auth/opaque-token.js';
import { assertAcceptablePassword, assertPasswordLength } from '../passwords/password-policy.js';

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  /** The token of an invitation mailed to `email`; it proves the address. */
  readonly invitationToken?: string | null;
}

/**
 * Whether an invitation token proves the address: the organization subgraph stores an email
 * proof under the token's hash for as long as the invitation may be accepted.
 */
async function invitationProvesAddress(
  tx: Prisma.TransactionClient,
  token: string,
  email: string,
  now: Date,
): Promise<boolean> {
  const proof = await tx.emailProof.findUnique({ where: { tokenHash: tokenHash(token) } });
  return proof !== null && proof.email === email && proof.expiresAt > now;
}

/**
 * Creates an account, commits its verification mail with it, and signs the new user in. The
 * email is unverified until the link in that mail is followed, unless the sign-up carries the
 * token of an invitation sent to that address: then the address is verified at once, so the
 * first access token already says so and the invitation can be accepted right away.
 */
export async function signUp(
  services: IdentityServices,
  input: SignUpInput,
  deviceName?: string | null,
): Promise<AuthPayloadModel> {
  assertPasswordLength(input.password, 'input.password');
  const email = normalizeEmail(input.email, 'input.email');
  const name = displayName(input.displayName, 'input.displayName');
  assertAcceptablePassword(input.password, {
    field: 'input.password',
    email,
    commonPasswords: services.commonPasswords,
  });
  const passwordHash = await services.passwords.hash(input.password);
  const now = services.clock();
  const invitationToken = input.invitationToken ?? undefined;

  let user;
  try {
    user = await services.db.$transaction(async (tx) => {
      const proven =
        invitationToken !== undefined &&
        (await invitationProvesAddress(tx, invitationToken, email, now));
      if (invitationToken !== undefined && !proven) {
        throw badUserInput(
          'input.invitationToken',
          'The invitation link is not valid for this address.',
        );
      }

      const created = await tx.user.create({
        data: {
          email,
          displayName: name,
          passwordHash,
          passwordChangedAt: now,
          emailVerifiedAt: proven ? now : null,
        },
      });
      if (proven) await recordEmailVerified(tx, { userId: created.id, email });
      else await sendVerificationMail(tx, services, created, now);
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
  if (user.emailVerifiedAt === null) services.wakeMail();

  const grant = await startSession(services.sessions, { userId: user.id, deviceName });
  return authPayload(services, user, grant);
}
