import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../../platform/db/database.js';

/** A database that exists only for one benchmark run. */
export interface ScratchDatabase {
  readonly kind: DatabaseKind;
  /** Set when the run uses a PostgreSQL server. */
  readonly databaseUrl: string | undefined;
  /** A fresh directory for data files; PGlite keeps its database under it. */
  readonly dataDir: string;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * An empty PGlite database in a temporary directory, or, given a server, a database with a
 * random name on it that `drop` removes again (with its connections).
 */
export async function createScratchDatabase(serverUrl?: string): Promise<ScratchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  if (!serverUrl) {
    return { kind: 'pglite', databaseUrl: undefined, dataDir, drop: removeDir };
  }

  const name = `bench_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await removeDir();
    },
  };
}
