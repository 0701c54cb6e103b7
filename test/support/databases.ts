import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../../platform/db/database.js';

/**
 * A database of its own for one test file or case. Pass `databaseUrl` and `dataDir` to
 * `openDatabase` (or to a service's settings) and call `drop()` when done.
 */
export interface TestDatabase {
  readonly kind: DatabaseKind;
  /** Set for 'postgres': a database created for this test alone. */
  readonly databaseUrl?: string;
  /** A fresh temporary directory; for 'pglite' the database lives in `<dataDir>/pglite`. */
  readonly dataDir: string;
  /** Removes the database and the directory. Close every connection to it first. */
  drop(): Promise<void>;
}

const serverUrl = process.env.TEST_DATABASE_URL || undefined;

/** The embedded database always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export const testDatabaseKinds: readonly DatabaseKind[] = serverUrl
  ? ['pglite', 'postgres']
  : ['pglite'];

async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new TypeError('Set TEST_DATABASE_URL to test against PostgreSQL.');

  const name = `test_${randomBytes(8).toString('hex')}`;
  await withServer((client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Creates an empty database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'test-db-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });

  if (kind === 'pglite') {
    return { kind, dataDir, drop: removeDir };
  }

  const server = await createPostgresDatabase();
  return {
    kind,
    databaseUrl: server.url,
    dataDir,
    async drop() {
      await server.drop();
      await removeDir();
    },
  };
}
