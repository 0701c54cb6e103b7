import { createHash } from 'node:crypto';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { newOpaqueToken, tokenHash } from '../../../platform/auth/opaque-token.js';
import { addressUnit } from '../../../platform/rate-limit/throttle-keys.js';

type Transaction = Prisma.TransactionClient;

export interface IssuedRefreshToken {
  readonly id: string;
  readonly token: string;
}

/** Stores a new refresh token for a session and returns it; only its hash is kept. */
export async function issueRefreshToken(
  tx: Transaction,
  options: { readonly sessionId: string; readonly expiresAt: Date },
): Promise<IssuedRefreshToken> {
  const token = newOpaqueToken('rt');
  const row = await tx.refreshToken.create({
    data: {
      sessionId: options.sessionId,
      tokenHash: tokenHash(token),
      expiresAt: options.expiresAt,
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

/**
 * What identifies the device that rotated a token, for the grace window: the client address
 * in the unit the throttle counts (an IPv4 address, or an IPv6 /64, since a phone's privacy
 * address may change between two refreshes). The gateway forwards no other client header, so
 * the address is all a subgraph can compare.
 */
export function deviceFingerprint(clientAddress: string): string {
  return createHash('sha256')
    .update(`device\u0000${addressUnit(clientAddress)}`)
    .digest('hex');
}

/** Where a successor is sealed: bound to the row of the token it replaced, and its owner. */
export function successorLocation(predecessorId: string, userId: string) {
  return {
    table: 'refresh_tokens',
    column: 'successor_sealed',
    rowId: predecessorId,
    owner: userId,
  };
}

/** The successor token, and the device it was handed to, as sealed in the predecessor's row. */
export interface SealedSuccessor {
  readonly token: string;
  readonly device: string;
}

export function sealSuccessor(
  secrets: SecretBox,
  options: { readonly predecessorId: string; readonly userId: string } & SealedSuccessor,
): string {
  const value = JSON.stringify({ token: options.token, device: options.device });
  return secrets.seal(value, successorLocation(options.predecessorId, options.userId));
}

/** The sealed successor, or undefined when the value is not of this shape. */
export function openSuccessor(
  secrets: SecretBox,
  options: { readonly predecessorId: string; readonly userId: string; readonly sealed: string },
): SealedSuccessor | undefined {
  const text = secrets.open(
    options.sealed,
    successorLocation(options.predecessorId, options.userId),
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, device } = value as Record<string, unknown>;
  if (typeof token !== 'string' || typeof device !== 'string') return undefined;
  return { token, device };
}
