import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import type { SubgraphName } from '../../platform/server/subgraph-config.js';

/**
 * Services and peers as real child processes on loopback ports, for suites that kill, restart
 * and duplicate them. Every child runs in a process group of its own, so stopping it also
 * stops whatever it started (npx, cluster workers), and `stopAllChildren()` ends every child
 * still running; call it in `afterAll` so a failed test leaves nothing behind.
 */

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');

export type ServiceName = SubgraphName | 'gateway';

export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['identity', 'organization', 'function'];

const ENTRY_POINTS: Readonly<Record<ServiceName, string>> = {
  identity: 'subgraphs/identity/main.ts',
  organization: 'subgraphs/organization/main.ts',
  function: 'subgraphs/function/main.ts',
  gateway: 'gateway/main.ts',
};

// Enough of a child's output to explain a failure, without growing without bound under load.
const OUTPUT_LIMIT = 1_000_000;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== undefined) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** A port nobody listens on right now, on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port assigned');
  return address.port;
}

/** One running child process, with its output kept for diagnostics. */
export interface ChildHandle {
  readonly label: string;
  readonly pid: number;
  /** Everything the child wrote to stdout and stderr so far (the latest megabyte). */
  output(): string;
  /** Settles when the child has exited, with its exit code or signal. */
  readonly exited: Promise<string>;
  hasExited(): boolean;
  /** Sends a signal to the child's whole process group. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not exited within ten seconds; resolves on exit. */
  stop(): Promise<void>;
  /** SIGKILL to the group; resolves on exit. */
  kill(): Promise<void>;
}

const running = new Set<ChildHandle>();

export interface SpawnOptions {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/** Variables every child needs to run at all; nothing else of the test runner leaks in. */
function baseEnvironment(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  const env: Record<string, string> = {};
  for (const name of keep) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function spawnChild(options: SpawnOptions): ChildHandle {
  const child: ChildProcess = spawn(options.command, [...options.args], {
    cwd: options.cwd ?? REPOSITORY_ROOT,
    env: { ...baseEnvironment(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so a signal reaches the grandchildren too.
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.label} did not start`);

  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  let exitedAlready = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedAlready = true;
      resolve(signal ?? `exit code ${String(code)}`);
    });
  });

  const signal = (name: NodeJS.Signals) => {
    if (exitedAlready) return;
    try {
      process.kill(-pid, name);
    } catch {
      // The group is already gone.
    }
  };

  const handle: ChildHandle = {
    label: options.label,
    pid,
    output: () => output,
    exited,
    hasExited: () => exitedAlready,
    signal,
    async stop() {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      // Grandchildren that outlived their parent, if any.
      signal('SIGKILL');
    },
    async kill() {
      signal('SIGKILL');
      await exited;
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** Ends every child this process started that is still running. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => child.kill()));
}

// A test worker that dies without its afterAll must still not leave services running.
process.once('exit', () => {
  for (const child of running) child.signal('SIGKILL');
});

/** What every service of one deployment shares: keys, master key, issuer, database. */
export interface SharedConfig {
  readonly env: Readonly<Record<string, string>>;
  readonly dataDir: string;
  readonly signingKeysFile: string;
  /** Removes the directory holding the keys and each service's data. */
  remove(): Promise<void>;
}

export interface SharedConfigOptions {
  /** Without one, each service opens the embedded database under the shared DATA_DIR. */
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A signing key file and a secrets master key made for this test, plus the variables that
 * must be equal on every instance of every service.
 */
export async function createSharedConfig(options: SharedConfigOptions): Promise<SharedConfig> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'resilience-'));
  const signingKeysFile = path.join(dataDir, 'signing-keys.json');
  await ensureSigningKeyFile(signingKeysFile);

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    SIGNING_KEYS_FILE: signingKeysFile,
    SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
    TOKEN_ISSUER: 'http://localhost:4000',
    TOKEN_AUDIENCE: 'federated-identity-api',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  return {
    env,
    dataDir,
    signingKeysFile,
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A service started from its `main.ts`, restartable on the same port. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The child of the latest start. */
  child(): ChildHandle;
  /** Starts the service again with the same environment and port after a stop or kill. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export interface ServiceOptions {
  readonly name: ServiceName;
  /** The shared variables; the port variable is added here. */
  readonly env: Readonly<Record<string, string>>;
  readonly port?: number;
  readonly label?: string;
}

function portVariable(name: ServiceName): string {
  return `${name.toUpperCase()}_PORT`;
}

async function untilHealthy(origin: string, child: ChildHandle): Promise<void> {
  try {
    await waitFor(
      `${child.label} to answer /health`,
      async () => {
        if (child.hasExited()) throw new Error(`${child.label} exited`);
        const response = await fetch(`${origin}/health`).catch(() => undefined);
        return response?.status === 200 ? true : undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );
  } catch (error) {
    await child.kill();
    throw new Error(`${String(error)}\n--- output of ${child.label} ---\n${child.output()}`);
  }
}

/** Starts `node --import tsx <service>/main.ts` and waits until it answers `/health`. */
export async function startService(options: ServiceOptions): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const label = options.label ?? options.name;
  const env = { ...options.env, [portVariable(options.name)]: String(port) };

  const launch = async (): Promise<ChildHandle> => {
    const child = spawnChild({
      label,
      command: process.execPath,
      args: ['--import', 'tsx', ENTRY_POINTS[options.name]],
      env,
    });
    await untilHealthy(origin, child);
    return child;
  };

  let current = await launch();
  return {
    name: options.name,
    port,
    origin,
    url: `${origin}/graphql`,
    child: () => current,
    async restart() {
      if (!current.hasExited()) throw new Error(`${label} is still running`);
      current = await launch();
    },
    stop: () => current.stop(),
    kill: () => current.kill(),
  };
}

/** A gateway and the three subgraphs, each its own process. */
export interface Stack {
  readonly gateway: ServiceProcess;
  readonly subgraphs: Readonly<Record<SubgraphName, ServiceProcess>>;
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly env: Readonly<Record<string, string>>;
  /** Names the processes in failure output, e.g. 'A' gives 'identity-A'. */
  readonly label?: string;
  readonly gatewayEnv?: Readonly<Record<string, string>>;
}

/** Starts the subgraphs side by side, then a gateway pointed at them. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const suffix = options.label ? `-${options.label}` : '';
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) =>
      startService({ name, env: options.env, label: `${name}${suffix}` }),
    ),
  );
  const [identity, organization, fn] = started as [ServiceProcess, ServiceProcess, ServiceProcess];
  const gateway = await startService({
    name: 'gateway',
    label: `gateway${suffix}`,
    env: {
      ...options.env,
      IDENTITY_URL: identity.url,
      ORGANIZATION_URL: organization.url,
      FUNCTION_URL: fn.url,
      SUBGRAPH_TIMEOUT_MS: '5000',
      ...options.gatewayEnv,
    },
  });
  return {
    gateway,
    subgraphs: { identity, organization, function: fn },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((service) => service.stop()));
    },
  };
}
