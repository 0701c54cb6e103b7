import os from 'node:os';

/** What the numbers of a run depend on besides the code; written beside every result. */
export interface MachineDescription {
  readonly cpuModel: string;
  readonly logicalCores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  /** Argon2 and WebCrypto run on libuv's pool, so its size bounds hashing and verifying. */
  readonly uvThreadpoolSize: number;
}

const DEFAULT_UV_THREADPOOL_SIZE = 4;

export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  const poolSize = Number(process.env.UV_THREADPOOL_SIZE);
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    logicalCores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    uvThreadpoolSize:
      Number.isInteger(poolSize) && poolSize > 0 ? poolSize : DEFAULT_UV_THREADPOOL_SIZE,
  };
}

/** One line for a table caption or a log. */
export function machineSummary(machine: MachineDescription): string {
  return (
    `${machine.cpuModel}, ${machine.logicalCores} cores, ${machine.memoryGiB} GiB, ` +
    `Node ${machine.node}`
  );
}
