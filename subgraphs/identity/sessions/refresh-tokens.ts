import type { Prisma } from '../../../generated/prisma/client.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { newOpaqueToken, tokenHash } from '../../../platform/auth/opaque-token.js';

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

/** Where a successor is sealed: bound to the row of the token it replaced, and its owner. */
export function successorLocation(predecessorId: string, userId: string) {
  return {
    table: 'refresh_tokens',
    column: 'successor_sealed',
    rowId: predecessorId,
    owner: userId,
  };
}

export function sealSuccessor(
  secrets: SecretBox,
  predecessorId: string,
  userId: string,
  token: string,
): string {
  return secrets.seal(token, successorLocation(predecessorId, userId));
}
