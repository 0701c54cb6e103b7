import type { Prisma, PrismaClient } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { badUserInput } from '../../../platform/errors/app-error.js';

const MAX_KEY_LENGTH = 200;

export interface IdempotencyScope {
  readonly userId: string;
  /** The mutation's name, so one key may be reused across different operations. */
  readonly operation: string;
  readonly key: string | null | undefined;
}

/**
 * Runs a create once per (user, operation, key). A retry with the same key, for instance
 * after a mobile connection dropped before the answer arrived, returns the first result
 * instead of creating a second one. Without a key the create simply runs.
 */
export async function idempotentCreate<Result extends { readonly id: string }>(
  db: PrismaClient,
  scope: IdempotencyScope,
  create: (tx: Prisma.TransactionClient) => Promise<Result>,
  load: (id: string) => Promise<Result | null>,
): Promise<Result> {
  if (!scope.key) return db.$transaction(create);
  if (scope.key.length > MAX_KEY_LENGTH) {
    throw badUserInput(
      'input.idempotencyKey',
      `An idempotency key has at most ${MAX_KEY_LENGTH} characters.`,
    );
  }
  const id = { userId: scope.userId, operation: scope.operation, key: scope.key };

  const earlier = await db.idempotencyKey.findUnique({ where: { userId_operation_key: id } });
  if (earlier) {
    const result = await load(earlier.resultId);
    if (result) return result;
  }

  try {
    return await db.$transaction(async (tx) => {
      const result = await create(tx);
      // The key row commits with the result; a concurrent retry fails on the primary key,
      // its transaction (its create included) rolls back, and it returns the winner's result.
      await tx.idempotencyKey.create({ data: { ...id, resultId: result.id } });
      return result;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.idempotencyKey.findUnique({ where: { userId_operation_key: id } });
    const result = winner ? await load(winner.resultId) : null;
    if (!result) throw error;
    return result;
  }
}
