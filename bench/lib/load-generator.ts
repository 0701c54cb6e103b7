import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { LoadReplyMessage, LoadSample, LoadSpec } from './load-spec.js';

const CHILD_MODULE = path.join(import.meta.dirname, 'load-generator-process.ts');

/** Only loopback addresses take load: a benchmark must never flood another host. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

function isReply(message: unknown): message is LoadReplyMessage {
  const kind = (message as { kind?: unknown } | null)?.kind;
  return kind === 'sample' || kind === 'failed';
}

/**
 * Sends HTTP load from a child process. The services under test share one event loop in this
 * process; autocannon there would compete with them for it and the numbers would measure both.
 * A worker thread would have its own loop but share the process's libuv pool with Argon2 and
 * WebCrypto, and its garbage collection pauses; a child process shares nothing but the two
 * cores, which the operating system schedules.
 */
export class LoadGenerator {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly child: ChildProcess) {}

  /** The child inherits this process's `execArgv`, so the tsx loader comes along. */
  static async start(): Promise<LoadGenerator> {
    const child = fork(CHILD_MODULE, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await once(child, 'spawn');
    return new LoadGenerator(child);
  }

  /** The child's process id, so its CPU time counts as the benchmark's own. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Measures one spec; calls are queued, so two measurements never overlap. */
  run(spec: LoadSpec): Promise<LoadSample> {
    const { hostname } = new URL(spec.url);
    if (!LOOPBACK_HOSTS.has(hostname)) {
      return Promise.reject(new TypeError(`Refusing to send load to "${hostname}".`));
    }
    const measured = this.queue.then(() => this.exchange(spec));
    this.queue = measured.catch(() => undefined);
    return measured;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }

  private exchange(spec: LoadSpec): Promise<LoadSample> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (!isReply(message)) return;
        cleanUp();
        if (message.kind === 'sample') resolve(message.sample);
        else reject(new Error(`The load generator failed: ${message.message}`));
      };
      const onExit = (code: number | null) => {
        cleanUp();
        reject(new Error(`The load generator exited with code ${code} during a measurement.`));
      };
      const cleanUp = () => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send({ kind: 'run', spec });
    });
  }
}
