import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError, badUserInput } from '../../../platform/errors/app-error.js';

const MAX_KEY_LENGTH = 200;

/** How long a key answers retries; a retry comes seconds or minutes after the first try. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  readonly userId: string;
  /** The mutation's name, so one key may be reused across different operations. */
  readonly operation: string;
  readonly key: string | null | undefined;
  /**
   * The operation's input, the key aside. A retry must send the same; a key sent again with
   * other input is refused, since answering with the first result would ignore the change.
   */
  readonly input: unknown;
  /** Where the key is named in errors; `input.idempotencyKey` unless it is an argument. */
  readonly field?: string;
}

/** JSON with object keys sorted, so equal inputs give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const members = entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the input, the idempotency key itself left out. */
export function inputFingerprint(input: unknown): string {
  const rest =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? { ...(input as Record<string, unknown>), idempotencyKey: undefined }
      : input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

const keyId = (scope: IdempotencyScope, key: string) => ({
  userId: scope.userId,
  operation: scope.operation,
  key,
});

function checkedKey(scope: IdempotencyScope): string | undefined {
  if (!scope.key) return undefined;
  if (scope.key.length > MAX_KEY_LENGTH) {
    throw badUserInput(
      scope.field ?? 'input.idempotencyKey',
      `An idempotency key has at most ${MAX_KEY_LENGTH} characters.`,
    );
  }
  return scope.key;
}

/**
 * The result an unexpired key already answered with, or undefined. A key sent again with
 * other input fails with IDEMPOTENCY_KEY_REUSED. Callers with a costly step before the
 * create (a network fetch, say) call this first, so a retry skips that step too.
 */
export async function earlierResult<Result>(
  db: PrismaClient,
  scope: IdempotencyScope,
  load: (id: string) => Promise<Result | null>,
  now = new Date(),
): Promise<Result | undefined> {
  const key = checkedKey(scope);
  if (!key) return undefined;
  const row = await db.idempotencyKey.findUnique({
    where: { userId_operation_key: keyId(scope, key) },
  });
  if (!row || row.expiresAt <= now) return undefined;
  if (row.fingerprint !== inputFingerprint(scope.input)) {
    throw appError(
      'IDEMPOTENCY_KEY_REUSED',
      `The idempotency key was already used for ${scope.operation} with other input; ` +
        'send a new key for a new request.',
      { extensions: { field: scope.field ?? 'input.idempotencyKey' } },
    );
  }
  return (await load(row.resultId)) ?? undefined;
}

/**
 * Runs a create once per (user, operation, key) for a day. A retry with the same key and
 * input, for instance after a mobile connection dropped before the answer arrived, returns
 * the first result instead of creating a second one. Without a key the create simply runs.
 */
export async function idempotentCreate<Result extends { readonly id: string }>(
  db: PrismaClient,
  scope: IdempotencyScope,
  create: (tx: Prisma.TransactionClient) => Promise<Result>,
  load: (id: string) => Promise<Result | null>,
): Promise<Result> {
  const earlier = await earlierResult(db, scope, load);
  return earlier ?? createRecordingKey(db, scope, create, load);
}

/**
 * The create of `idempotentCreate` for a caller that has already asked `earlierResult` and
 * found nothing: the result commits with its key, and of two concurrent first attempts the
 * one that loses on the key returns the winner's result.
 */
export async function createRecordingKey<Result extends { readonly id: string }>(
  db: PrismaClient,
  scope: IdempotencyScope,
  create: (tx: Prisma.TransactionClient) => Promise<Result>,
  load: (id: string) => Promise<Result | null>,
): Promise<Result> {
  const key = checkedKey(scope);
  if (!key) return db.$transaction(create);
  const now = new Date();

  const id = keyId(scope, key);
  try {
    return await db.$transaction(async (tx) => {
      const result = await create(tx);
      // An expired row with the same key no longer counts; the new answer replaces it.
      await tx.idempotencyKey.deleteMany({ where: { ...id, expiresAt: { lte: now } } });
      // The key row commits with the result; a concurrent retry fails on the primary key,
      // its transaction (its create included) rolls back, and it returns the winner's result.
      await tx.idempotencyKey.create({
        data: {
          ...id,
          fingerprint: inputFingerprint(scope.input),
          resultId: result.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
        },
      });
      return result;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await earlierResult(db, scope, load);
    if (!winner) throw error;
    return winner;
  }
}

/** Drops keys past their expiry; returns how many went. */
export async function deleteExpiredIdempotencyKeys(db: PrismaClient, now = new Date()) {
  const { count } = await db.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
