import type { OneTimeTokenPurpose, Prisma } from '../../../generated/prisma/client.js';
import { badUserInput } from '../../../platform/errors/app-error.js';
import { newOpaqueToken, tokenHash } from '../../../platform/auth/opaque-token.js';

type Transaction = Prisma.TransactionClient;

const PREFIX: Readonly<Record<OneTimeTokenPurpose, 'ev' | 'pr'>> = {
  EMAIL_VERIFICATION: 'ev',
  PASSWORD_RESET: 'pr',
};

const WHAT: Readonly<Record<OneTimeTokenPurpose, string>> = {
  EMAIL_VERIFICATION: 'verification link',
  PASSWORD_RESET: 'password reset link',
};

/**
 * Issues a single-use token for a user; earlier unused tokens of the same purpose stop
 * working, so only the newest mail's link is valid.
 */
export async function issueOneTimeToken(
  tx: Transaction,
  options: { userId: string; purpose: OneTimeTokenPurpose; expiresAt: Date; now: Date },
): Promise<string> {
  await tx.oneTimeToken.updateMany({
    where: { userId: options.userId, purpose: options.purpose, usedAt: null },
    data: { expiresAt: options.now },
  });
  const token = newOpaqueToken(PREFIX[options.purpose]);
  await tx.oneTimeToken.create({
    data: {
      userId: options.userId,
      purpose: options.purpose,
      tokenHash: tokenHash(token),
      expiresAt: options.expiresAt,
      createdAt: options.now,
    },
  });
  return token;
}

/**
 * Marks a token used and returns its user id. The update is conditional on the token being
 * unused, so two concurrent redemptions cannot both succeed.
 */
export async function redeemOneTimeToken(
  tx: Transaction,
  options: { token: string; purpose: OneTimeTokenPurpose; field: string; now: Date },
): Promise<string> {
  const what = WHAT[options.purpose];
  const row = await tx.oneTimeToken.findUnique({ where: { tokenHash: tokenHash(options.token) } });
  if (!row || row.purpose !== options.purpose) {
    throw badUserInput(options.field, `The ${what} is not valid.`);
  }
  if (row.usedAt) throw badUserInput(options.field, `The ${what} has already been used.`);
  if (row.expiresAt <= options.now) {
    // Issuing a token ends the earlier ones; say so, or the user wonders why a fresh mail's
    // predecessor "expired" minutes after it came.
    const newer = await tx.oneTimeToken.findFirst({
      where: { userId: row.userId, purpose: row.purpose, createdAt: { gt: row.createdAt } },
      select: { id: true },
    });
    if (newer) {
      throw badUserInput(
        options.field,
        `A newer ${what} has been sent; use the link in the latest mail.`,
      );
    }
    throw badUserInput(options.field, `The ${what} has expired.`);
  }

  const claimed = await tx.oneTimeToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: options.now },
  });
  if (claimed.count !== 1) throw badUserInput(options.field, `The ${what} has already been used.`);
  return row.userId;
}

/** When the user last asked for a token of this purpose, to space out repeated mails. */
export async function lastIssuedAt(
  tx: Transaction,
  userId: string,
  purpose: OneTimeTokenPurpose,
): Promise<Date | undefined> {
  const latest = await tx.oneTimeToken.findFirst({
    where: { userId, purpose },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  return latest?.createdAt;
}
