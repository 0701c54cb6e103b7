import type { Prisma, PrismaClient } from '../../../generated/prisma/client.js';
import type { SessionRevocations } from '../../../platform/auth/session-revocations.js';
import { appError } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { tokenHash } from '../../../platform/auth/opaque-token.js';
import {
  deviceFingerprint,
  issueRefreshToken,
  openSuccessor,
  sealSuccessor,
} from './refresh-tokens.js';
import { announceRevoked, revokeSessionsIn } from './revoke-sessions.js';
import type { SessionPolicy } from './session-policy.js';

export interface SessionServices {
  readonly db: PrismaClient;
  readonly secrets: SecretBox;
  readonly policy: SessionPolicy;
  readonly revocations: SessionRevocations;
  readonly clock: () => Date;
  readonly logger: Logger;
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
  const now = services.clock();
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

/** Why a rotated token was not answered with its successor; logged, never sent to clients. */
type ReuseReason = 'after_grace_window' | 'successor_used' | 'other_device';

type RefreshOutcome =
  | { readonly kind: 'rotated'; readonly grant: SessionGrant }
  | { readonly kind: 'reused'; readonly sessionId: string; readonly reason: ReuseReason };

/** Who presents the token: the device fingerprint the grace window compares. */
export interface RefreshRequest {
  readonly refreshToken: string;
  readonly clientAddress: string;
}

/**
 * Exchanges a refresh token for its successor (rotation). A token that was already rotated
 * means it leaked or was replayed, so the whole session ends; the one exception is a retry
 * from the same device within the grace window while the successor is still unused, which
 * gets that same successor, since a phone that refreshes twice at once must not be signed out.
 */
export async function refreshSession(
  services: SessionServices,
  request: RefreshRequest,
): Promise<SessionGrant> {
  const now = services.clock();
  const device = deviceFingerprint(request.clientAddress);

  const outcome = await services.db.$transaction(async (tx): Promise<RefreshOutcome> => {
    const token = await tx.refreshToken.findUnique({
      where: { tokenHash: tokenHash(request.refreshToken) },
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
          successorSealed: sealSuccessor(services.secrets, {
            predecessorId: token.id,
            userId: session.userId,
            token: successor.token,
            device,
          }),
        },
      });
      if (claimed.count === 1) {
        // The token presented is now rotated too, so the grace answer its own predecessor
        // kept (this very token, sealed) can never be given again: drop it.
        await tx.refreshToken.updateMany({
          where: { sessionId: session.id, successorId: token.id, successorSealed: { not: null } },
          data: { successorSealed: null },
        });
        await tx.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
        return {
          kind: 'rotated',
          grant: { userId: session.userId, sessionId: session.id, refreshToken: successor.token },
        };
      }
      await tx.refreshToken.delete({ where: { id: successor.id } });
      const current = await tx.refreshToken.findUniqueOrThrow({ where: { id: token.id } });
      return graceOrReuse(
        tx,
        services,
        { ...token, ...current },
        { userId: session.userId, now, device },
      );
    }

    return graceOrReuse(tx, services, token, { userId: session.userId, now, device });
  });

  if (outcome.kind === 'rotated') return outcome.grant;

  // Reuse: end the session in a transaction of its own, so the refusal is not rolled back.
  const revoked = await services.db.$transaction((tx) =>
    revokeSessionsIn(tx, { id: outcome.sessionId }, 'refresh_token_reuse', now),
  );
  await announceRevoked(services, revoked, now);
  services.logger.warn(
    { sessionId: outcome.sessionId, reason: outcome.reason },
    'rotated refresh token presented again; session revoked',
  );
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
  presenter: { readonly userId: string; readonly now: Date; readonly device: string },
): Promise<RefreshOutcome> {
  const reused = (reason: ReuseReason): RefreshOutcome => ({
    kind: 'reused',
    sessionId: token.sessionId,
    reason,
  });
  const graceMs = services.policy.refreshGraceSeconds * 1000;
  const withinGrace =
    token.rotatedAt !== null && presenter.now.getTime() - token.rotatedAt.getTime() <= graceMs;

  // A reuse ends the session, and ending it drops every successor still sealed in it, so
  // nothing needs clearing here.
  if (!withinGrace) return reused('after_grace_window');
  if (!token.successorId || !token.successorSealed) return reused('successor_used');

  const successor = await tx.refreshToken.findUnique({ where: { id: token.successorId } });
  if (!successor || successor.rotatedAt !== null) return reused('successor_used');

  const sealed = openSuccessor(services.secrets, {
    predecessorId: token.id,
    userId: presenter.userId,
    sealed: token.successorSealed,
  });
  // Someone else holding the old token within the window is as much a replay as a late one.
  if (!sealed || sealed.device !== presenter.device) return reused('other_device');

  return {
    kind: 'rotated',
    grant: { userId: presenter.userId, sessionId: token.sessionId, refreshToken: sealed.token },
  };
}
