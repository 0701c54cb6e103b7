import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { postgresBinDir, testDatabaseServerUrl } from '../support/external-services.js';
import { freePort, spawnChild, waitFor, type ChildHandle } from '../support/processes.js';

const run = promisify(execFile);

/** A database of its own on a PostgreSQL server, dropped (with its connections) at the end. */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database on `serverUrl`, by default the server TEST_DATABASE_URL names; suites
 * that call this skip when it is unset (see test/support/external-services.ts).
 */
export async function createScratchDatabase(serverUrl = testDatabaseServerUrl) {
  if (!serverUrl) throw new TypeError('Set TEST_DATABASE_URL to run this suite.');
  const name = `resilience_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: ScratchDatabase = {
    url: url.toString(),
    drop: async () => {
      await onServer(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
  return database;
}

/**
 * The database for a suite whose services each run alone: a scratch database on the
 * TEST_DATABASE_URL server when one is set, otherwise none, so that each service opens the
 * embedded database under its DATA_DIR (`url` undefined).
 */
export async function scratchDatabaseOrEmbedded(): Promise<{
  readonly url: string | undefined;
  drop(): Promise<void>;
}> {
  if (!testDatabaseServerUrl) return { url: undefined, drop: async () => undefined };
  return createScratchDatabase(testDatabaseServerUrl);
}

/** A Redis of this test's own, without persistence, restartable on the same port. */
export interface PrivateRedis {
  readonly url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  /** Kills the server and removes its directory. */
  destroy(): Promise<void>;
  /** Keys matching `pattern` with their string values, sorted by key. */
  entries(pattern: string): Promise<[string, string | null][]>;
  /** How many clients are connected, not counting the one asking. */
  otherClients(): Promise<number>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'redis-'));
  let child: ChildHandle | undefined;

  const ask = async <T>(work: (client: Redis) => Promise<T>): Promise<T> => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      return await work(client);
    } finally {
      client.disconnect();
    }
  };

  const start = async () => {
    const started = spawnChild({
      label: 'redis',
      command: 'redis-server',
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      env: {},
      cwd: dir,
    });
    child = started;
    await waitFor('redis-server to accept connections', () => {
      if (started.hasExited()) throw new Error(`redis-server exited:\n${started.output()}`);
      return started.output().includes('Ready to accept connections') ? true : undefined;
    });
  };
  await start();

  return {
    url,
    start,
    kill: async () => {
      await child?.kill();
    },
    destroy: async () => {
      await child?.kill();
      await rm(dir, { recursive: true, force: true });
    },
    entries: (pattern) =>
      ask(async (client) => {
        const keys = (await client.keys(pattern)).sort();
        const values = keys.length > 0 ? await client.mget(...keys) : [];
        return keys.map((key, index): [string, string | null] => [key, values[index] ?? null]);
      }),
    otherClients: () =>
      ask(async (client) => {
        const list = String(await client.call('CLIENT', 'LIST'));
        return list.split('\n').filter((line) => line.trim() !== '').length - 1;
      }),
  };
}

/**
 * A PostgreSQL cluster of this test's own, so that stopping it harms no other suite. It runs
 * as the `postgres` OS user (PostgreSQL refuses to run as root) with trust authentication,
 * listening on a free loopback port and a socket in its own directory.
 */
export interface PrivatePostgres {
  /** The `postgres` database of the cluster. */
  readonly serverUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the cluster if running and deletes its files. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-cluster-'));
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  const bin = postgresBinDir();
  if (!bin) throw new TypeError('PostgreSQL binaries (initdb, pg_ctl) are not installed.');
  const { uid, gid } = await postgresUser();
  await chown(root, uid, gid);

  const asPostgres = (command: string, args: readonly string[]) =>
    run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], {
      cwd: root,
    });

  await asPostgres('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-sync',
  ]);

  // fsync off: the cluster lives for one test and a crash loses nothing anyone needs.
  const serverOptions = `-k ${root} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await asPostgres('pg_ctl', [
      'start',
      '-w',
      '-D',
      dataDir,
      '-l',
      path.join(root, 'server.log'),
      '-o',
      serverOptions,
    ]);
  };
  const stop = async () => {
    await asPostgres('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
  };
  await start();

  return {
    serverUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await asPostgres('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', dataDir]).catch(
        () => undefined,
      );
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
