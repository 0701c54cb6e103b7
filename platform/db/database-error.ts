/**
 * Every way the persistence layer reports failure. These errors stop start-up or fail a
 * readiness probe; they are for operators and logs, never shown to a GraphQL client.
 */
export const DATABASE_ERROR_CODES = {
  DATABASE_UNAVAILABLE: 'The database could not be reached, or it has been closed.',
  MIGRATIONS_UNREADABLE: 'The migrations folder or one of its migration.sql files is missing.',
  MIGRATION_HISTORY_UNAVAILABLE: 'The _prisma_migrations table or the lock could not be used.',
  MIGRATION_INCOMPLETE: 'A migration is recorded as started but never finished.',
  MIGRATION_MODIFIED: 'A migration file changed after it was applied.',
  MIGRATION_FAILED: 'A migration failed; its transaction was rolled back.',
} as const;

export type DatabaseErrorCode = keyof typeof DATABASE_ERROR_CODES;

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  readonly code: DatabaseErrorCode;

  constructor(code: DatabaseErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/**
 * The driver's own words for why something failed, for the end of our message. Drivers put
 * host and port in messages at most, never the password.
 */
export function describeCause(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return describeCause(error.errors[0]);
  }
  if (error instanceof Error && error.message !== '') return error.message;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return `error code ${String(error.code)}`;
  }
  return String(error);
}
