import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { ServiceMessage } from './servers/service-protocol.js';

/**
 * A server under test in a process of its own, so its CPU time and memory can be read apart
 * from everything else (see process-stats.ts), and so it has an event loop to itself.
 */
export interface ServiceProcess {
  readonly label: string;
  readonly pid: number;
  /** Where it serves GraphQL (or, for a plain server, its one route). */
  readonly url: string;
  /** What the child reported beside its URL, e.g. the subgraphs' URLs and a token. */
  readonly details: Readonly<Record<string, string>>;
  /** The latest of what it wrote to stderr, to explain a failure. */
  output(): string;
  /** Asks it to stop, and kills it if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUT_LIMIT = 64 * 1024;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function isServiceMessage(message: unknown): message is ServiceMessage {
  const kind = (message as { kind?: unknown } | null)?.kind;
  return kind === 'ready' || kind === 'failed';
}

/** Keeps the tail of stderr; stdout (log lines) goes to /dev/null, as if shipped elsewhere. */
function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  });
  return () => output;
}

function stopper(child: ChildProcess, ask: () => void): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    ask();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
}

export interface ForkServiceOptions {
  readonly label: string;
  /** A module under bench/lib/servers (or an absolute path) that calls `serveFromChild`. */
  readonly module: string;
  readonly env: Readonly<Record<string, string>>;
  /** Node options beside the inherited ones, e.g. `--cpu-prof` to profile the server. */
  readonly execArgv?: readonly string[];
}

/**
 * Forks one of our server modules (with this process's `execArgv`, so the tsx loader comes
 * along) and waits until it reports its URL over IPC. Disconnecting asks it to stop.
 */
export async function forkService(options: ForkServiceOptions): Promise<ServiceProcess> {
  const child = fork(path.resolve(import.meta.dirname, 'servers', options.module), {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...options.env },
    execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const output = collectOutput(child);
  const stop = stopper(child, () => child.disconnect());

  try {
    const ready = await new Promise<{ url: string; details: Record<string, string> }>(
      (resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${options.label} did not start in time.`)),
          START_TIMEOUT_MS,
        );
        child.on('message', (message: unknown) => {
          if (!isServiceMessage(message)) return;
          clearTimeout(timer);
          if (message.kind === 'ready') resolve(message);
          else reject(new Error(`${options.label} failed to start: ${message.message}`));
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`${options.label} exited with code ${code}:\n${output()}`));
        });
      },
    );
    return {
      label: options.label,
      pid: child.pid as number,
      url: ready.url,
      details: ready.details,
      output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface SpawnServiceOptions {
  readonly label: string;
  /** Arguments to Node itself; the child gets no loader of ours. */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly url: string;
  /** Answers 200 once the server is ready to take requests. */
  readonly readinessUrl: string;
}

/** Starts a third-party server with plain Node and polls its readiness route. */
export async function spawnService(options: SpawnServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...options.args], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const output = collectOutput(child);
  // Without an IPC channel it would not notice this process dying; it must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void once(child, 'exit').then(() => process.off('exit', killOnExit));
  const stop = stopper(child, () => child.kill('SIGTERM'));

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.label} exited with code ${child.exitCode}:\n${output()}`);
    }
    const response = await fetch(options.readinessUrl).catch(() => undefined);
    await response?.body?.cancel();
    if (response?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.label} did not become ready in time:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    label: options.label,
    pid: child.pid as number,
    url: options.url,
    details: {},
    output,
    stop,
  };
}

/** A loopback port nobody listens on right now, for a server that cannot be given port 0. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
