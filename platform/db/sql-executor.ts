import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

/** A row as the driver returned it; callers narrow each field before use. */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * The small SQL surface that the migration runner and the catalog snapshot need. A `pg`
 * connection and a PGlite instance both provide it, so the embedded database and PostgreSQL
 * run exactly the same statements.
 */
export interface SqlExecutor {
  /** One statement with bind parameters. */
  query(sql: string, params?: readonly unknown[]): Promise<readonly SqlRow[]>;
  /**
   * A script of several statements, as Prisma writes migration.sql. It goes over the simple
   * query protocol because the extended one accepts a single statement only.
   */
  executeScript(script: string): Promise<void>;
  /** Runs `work` between BEGIN and COMMIT on this connection; a throw rolls back. */
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
}

type Statements = Omit<SqlExecutor, 'transaction'>;

function refuseNestedTransaction(): Promise<never> {
  return Promise.reject(new TypeError('A transaction cannot be opened inside another one.'));
}

function pgStatements(client: pg.ClientBase): Statements {
  return {
    async query(sql, params = []) {
      const result = await client.query(sql, [...params]);
      return result.rows;
    },
    async executeScript(script) {
      // Without bind values `pg` uses the simple protocol, which accepts several statements.
      await client.query(script);
    },
  };
}

/** An executor over one `pg` connection, which must stay checked out while it is in use. */
export function pgClientExecutor(client: pg.ClientBase): SqlExecutor {
  const statements = pgStatements(client);
  const inner: SqlExecutor = { ...statements, transaction: refuseNestedTransaction };

  return {
    ...statements,
    async transaction(work) {
      await client.query('BEGIN');
      try {
        const result = await work(inner);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A broken connection fails the ROLLBACK as well; the server then discards the
        // transaction itself, and the caller needs the original error, not this one.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}

function pgliteStatements(db: PGlite | Transaction): Statements {
  return {
    async query(sql, params = []) {
      const result = await db.query<SqlRow>(sql, [...params]);
      return result.rows;
    },
    async executeScript(script) {
      await db.exec(script);
    },
  };
}

/**
 * An executor over a PGlite instance. Its transactions go through `PGlite.transaction`, which
 * holds the instance's lock, so queries from other services sharing the instance wait instead
 * of landing inside the transaction.
 */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    ...pgliteStatements(db),
    transaction(work) {
      return db.transaction((tx) =>
        work({ ...pgliteStatements(tx), transaction: refuseNestedTransaction }),
      );
    },
  };
}
