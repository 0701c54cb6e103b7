import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Prisma } from '../../generated/prisma/client.js';

export type PrismaAdapterFactory = NonNullable<Prisma.PrismaClientOptions['adapter']>;
type SqlDriverAdapter = Awaited<ReturnType<PrismaAdapterFactory['connect']>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter['startTransaction']>>;

/*
 * pglite-prisma-adapter 0.6 reports every database error as kind 'postgres' with its SQLSTATE.
 * Prisma 6.19 turns only its specific kinds into known request errors, so without this layer a
 * duplicate email would be P2002 on PostgreSQL (whose adapter maps the kinds) and an anonymous
 * error on the embedded database. The kinds and the fields Prisma reads from them are those of
 * Prisma's driver adapter contract.
 */

type Constraint = { readonly fields: string[] } | { readonly index: string } | undefined;

type PrismaErrorKind =
  | { kind: 'UniqueConstraintViolation'; constraint: Constraint }
  | { kind: 'NullConstraintViolation'; constraint: Constraint }
  | { kind: 'ForeignKeyConstraintViolation'; constraint: Constraint }
  | { kind: 'LengthMismatch'; column: string | undefined }
  | { kind: 'ValueOutOfRange'; cause: string }
  | { kind: 'TransactionWriteConflict' }
  | { kind: 'TableDoesNotExist'; table: string | undefined }
  | { kind: 'ColumnNotFound'; column: string | undefined };

interface PostgresFailure {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly column?: string;
}

function postgresFailureOf(error: unknown): PostgresFailure | undefined {
  if (!(error instanceof Error) || error.name !== 'DriverAdapterError') return undefined;
  const cause: unknown = error.cause;
  if (typeof cause !== 'object' || cause === null) return undefined;
  if (!('kind' in cause) || cause.kind !== 'postgres') return undefined;
  if (!('code' in cause) || typeof cause.code !== 'string') return undefined;
  if (!('message' in cause) || typeof cause.message !== 'string') return undefined;

  const text = (key: string) => {
    const value: unknown = Reflect.get(cause, key);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    code: cause.code,
    message: cause.message,
    detail: text('detail'),
    column: text('column'),
  };
}

/** The first double-quoted name in a PostgreSQL message, e.g. the table in `relation "x"`. */
function quotedName(message: string): string | undefined {
  return /"([^"]+)"/.exec(message)?.[1];
}

function keyColumns(detail: string | undefined): Constraint {
  // PostgreSQL's detail for a duplicate key reads `Key (organization_id, user_id)=(...)`.
  const columns = detail === undefined ? undefined : /Key \(([^)]+)\)/.exec(detail)?.[1];
  return columns === undefined ? undefined : { fields: columns.split(', ') };
}

/** Maps a SQLSTATE to Prisma's error kinds; codes Prisma has no kind for stay as they are. */
function prismaErrorKind(failure: PostgresFailure): PrismaErrorKind | undefined {
  const { code, message, detail, column } = failure;
  switch (code) {
    case '23505':
      return { kind: 'UniqueConstraintViolation', constraint: keyColumns(detail) };
    case '23502':
      return {
        kind: 'NullConstraintViolation',
        constraint: column ? { fields: [column] } : undefined,
      };
    case '23503': {
      const name = /constraint "([^"]+)"/.exec(message)?.[1];
      return {
        kind: 'ForeignKeyConstraintViolation',
        constraint: name ? { index: name } : undefined,
      };
    }
    case '22001':
      return { kind: 'LengthMismatch', column };
    case '22003':
      return { kind: 'ValueOutOfRange', cause: message };
    case '40001':
      return { kind: 'TransactionWriteConflict' };
    case '42P01':
      return { kind: 'TableDoesNotExist', table: quotedName(message) };
    case '42703':
      return { kind: 'ColumnNotFound', column: quotedName(message) };
    default:
      return undefined;
  }
}

/** Prisma recognises an adapter's error by this name and reads what failed from `cause`. */
class TranslatedAdapterError extends Error {
  override readonly name = 'DriverAdapterError';
}

function translate(error: unknown): unknown {
  const failure = postgresFailureOf(error);
  const kind = failure && prismaErrorKind(failure);
  if (!failure || !kind) return error;

  return new TranslatedAdapterError(failure.message, {
    cause: { ...kind, originalCode: failure.code, originalMessage: failure.message },
  });
}

async function translated<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translate(error);
  }
}

function translatingTransaction(transaction: Transaction): Transaction {
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => translated(() => transaction.queryRaw(query)),
    executeRaw: (query) => translated(() => transaction.executeRaw(query)),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
  };
}

function translatingAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => translated(() => adapter.queryRaw(query)),
    executeRaw: (query) => translated(() => adapter.executeRaw(query)),
    executeScript: (script) => translated(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) =>
      translatingTransaction(await translated(() => adapter.startTransaction(isolationLevel))),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

/**
 * Prisma's driver adapter for an in-process PGlite instance, reporting database errors the way
 * the PostgreSQL adapter does so that Prisma error codes (P2002, P2003, ...) are the same on
 * both databases.
 */
export function pglitePrismaAdapter(pglite: PGlite): PrismaAdapterFactory {
  // The package declares its types against an older copy of Prisma's adapter interface (its
  // query argument types differ); the methods Prisma calls are the same, as the tests confirm.
  const stock = new PrismaPGlite(pglite) as unknown as PrismaAdapterFactory;

  return {
    provider: stock.provider,
    adapterName: stock.adapterName,
    connect: async () => translatingAdapter(await stock.connect()),
  };
}
