import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort, spawnChild, waitFor, type ChildHandle } from '../support/processes.js';

/** The machine's shared PostgreSQL server; suites create a database of their own on it. */
const SHARED_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

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

export async function createScratchDatabase(serverUrl = SHARED_SERVER_URL) {
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

const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

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
  const { uid, gid } = await postgresUser();
  await chown(root, uid, gid);

  const asPostgres = (command: string, args: readonly string[]) =>
    run('runuser', ['-u', 'postgres', '--', path.join(POSTGRES_BIN, command), ...args], {
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
