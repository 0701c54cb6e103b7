import type { Prisma, PrismaClient } from '../../../generated/prisma/client.js';
import type { SessionRevocations } from '../../../platform/auth/session-revocations.js';
import { appError } from '../../../platform/errors/app-error.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { tokenHash } from '../../../platform/auth/opaque-token.js';
import { issueRefreshToken, sealSuccessor, successorLocation } from './refresh-tokens.js';
import { revokeSessionsIn } from './revoke-sessions.js';
import type { SessionPolicy } from './session-policy.js';

export interface SessionServices {
  readonly db: PrismaClient;
  readonly secrets: SecretBox;
  readonly policy: SessionPolicy;
  readonly revocations: SessionRevocations;
  readonly now?: () => Date;
}

/** A session and the refresh token that continues it, as handed to the client. */
export interface SessionGrant {
  readonly userId: string;
  readonly sessionId: string;
  readonly refreshToken: string;
}

const MAX_DEVICE_NAME_LENGTH = 100;

const invalidRefreshToken = () =>
  appError('UNAUTHENTICATED', 'The refresh token is invalid or has expired; sign in again.');

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/** Control characters are replaced, not refused: a device name is a label, never an error. */
function deviceLabel(raw: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  const trimmed = (raw ?? '').trim().replace(/[\u0000-\u001f\u007f]/g, ' ');
  return [...trimmed].slice(0, MAX_DEVICE_NAME_LENGTH).join('') || 'Unnamed device';
}

export async function startSession(
  services: SessionServices,
  options: { readonly userId: string; readonly deviceName?: string | null },
): Promise<SessionGrant> {
  const now = services.now?.() ?? new Date();
  const expiresAt = addSeconds(now, services.policy.sessionMaxSeconds);

  return services.db.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: {
        userId: options.userId,
        deviceName: deviceLabel(options.deviceName),
        createdAt: now,
        lastUsedAt: now,
        expiresAt,
      },
    });
    const refresh = await issueRefreshToken(tx, {
      sessionId: session.id,
      expiresAt: new Date(
        Math.min(
          expiresAt.getTime(),
          addSeconds(now, services.policy.refreshIdleSeconds).getTime(),
        ),
      ),
    });
    return { userId: options.userId, sessionId: session.id, refreshToken: refresh.token };
  });
}

type Transaction = Prisma.TransactionClient;

type RefreshOutcome =
  | { readonly kind: 'rotated'; readonly grant: SessionGrant }
  | { readonly kind: 'reused'; readonly sessionId: string };

/**
 * Exchanges a refresh token for its successor (rotation). A token that was already rotated
 * means it leaked or was replayed, so the whole session ends; the one exception is a retry
 * within the grace window while the successor is still unused, which gets that same
 * successor, since a phone that refreshes twice at once must not be signed out.
 */
export async function refreshSession(
  services: SessionServices,
  presented: string,
): Promise<SessionGrant> {
  const now = services.now?.() ?? new Date();
  const outcome = await services.db.$transaction(async (tx): Promise<RefreshOutcome> => {
    const token = await tx.refreshToken.findUnique({
      where: { tokenHash: tokenHash(presented) },
      include: { session: true },
    });
    if (!token) throw invalidRefreshToken();

    const { session } = token;
    if (session.revokedAt || session.expiresAt <= now || token.expiresAt <= now) {
      throw invalidRefreshToken();
    }

    if (token.rotatedAt === null) {
      const expiresAt = new Date(
        Math.min(
          session.expiresAt.getTime(),
          addSeconds(now, services.policy.refreshIdleSeconds).getTime(),
        ),
      );
      const successor = await issueRefreshToken(tx, { sessionId: session.id, expiresAt });
      // Only one concurrent refresh may rotate; the loser falls through to the grace path.
      const claimed = await tx.refreshToken.updateMany({
        where: { id: token.id, rotatedAt: null },
        data: {
          rotatedAt: now,
          successorId: successor.id,
          successorSealed: sealSuccessor(
            services.secrets,
            token.id,
            session.userId,
            successor.token,
          ),
        },
      });
      if (claimed.count === 1) {
        await tx.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
        return {
          kind: 'rotated',
          grant: { userId: session.userId, sessionId: session.id, refreshToken: successor.token },
        };
      }
      await tx.refreshToken.delete({ where: { id: successor.id } });
      const current = await tx.refreshToken.findUniqueOrThrow({ where: { id: token.id } });
      return graceOrReuse(tx, services, { ...token, ...current }, session.userId, now);
    }

    return graceOrReuse(tx, services, token, session.userId, now);
  });

  if (outcome.kind === 'rotated') return outcome.grant;

  // Reuse: end the session in a transaction of its own, so the refusal is not rolled back.
  await services.db.$transaction((tx) =>
    revokeSessionsIn(tx, { id: outcome.sessionId }, 'refresh_token_reuse', now),
  );
  services.revocations.remember(outcome.sessionId, now.getTime());
  await services.revocations.heard([outcome.sessionId]);
  throw invalidRefreshToken();
}

interface RotatedToken {
  readonly id: string;
  readonly sessionId: string;
  readonly rotatedAt: Date | null;
  readonly successorId: string | null;
  readonly successorSealed: string | null;
}

async function graceOrReuse(
  tx: Transaction,
  services: SessionServices,
  token: RotatedToken,
  userId: string,
  now: Date,
): Promise<RefreshOutcome> {
  const withinGrace =
    token.rotatedAt !== null &&
    now.getTime() - token.rotatedAt.getTime() <= services.policy.refreshGraceSeconds * 1000;
  if (!withinGrace || !token.successorId || !token.successorSealed) {
    return { kind: 'reused', sessionId: token.sessionId };
  }

  const successor = await tx.refreshToken.findUnique({ where: { id: token.successorId } });
  if (!successor || successor.rotatedAt !== null) {
    return { kind: 'reused', sessionId: token.sessionId };
  }

  const refreshToken = services.secrets.open(
    token.successorSealed,
    successorLocation(token.id, userId),
  );
  return { kind: 'rotated', grant: { userId, sessionId: token.sessionId, refreshToken } };
}
