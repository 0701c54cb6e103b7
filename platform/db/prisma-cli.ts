import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One side of a `prisma migrate diff`. */
export type DiffSource =
  | { readonly kind: 'empty' }
  | { readonly kind: 'schema'; readonly schemaPath: string }
  | { readonly kind: 'migrations'; readonly migrationsDir: string };

export interface MigrateDiffOptions {
  readonly from: DiffSource;
  readonly to: DiffSource;
  /** The project root; the CLI finds prisma.config.ts there unless `configPath` says else. */
  readonly cwd: string;
  readonly configPath?: string;
}

export interface MigrateDiff {
  /** The SQL that takes `from` to `to`. */
  readonly script: string;
  readonly empty: boolean;
}

function flags(direction: 'from' | 'to', source: DiffSource): string[] {
  switch (source.kind) {
    case 'empty':
      return [`--${direction}-empty`];
    case 'schema':
      return [`--${direction}-schema-datamodel`, source.schemaPath];
    case 'migrations':
      return [`--${direction}-migrations`, source.migrationsDir];
  }
}

export interface PrismaCliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PrismaCliOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs the project's own Prisma CLI (never a downloaded one) and collects its output. */
export function runPrismaCli(
  args: readonly string[],
  options: PrismaCliOptions,
): Promise<PrismaCliResult> {
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  const env = {
    ...process.env,
    ...options.env,
    // Both would try the network: the update check and the usage report.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `prisma migrate diff --script --exit-code`, which exits 0 when there is no difference
 * and 2 when there is one; anything else is a failure.
 */
export async function prismaMigrateDiff(options: MigrateDiffOptions): Promise<MigrateDiff> {
  const args = ['migrate', 'diff', ...flags('from', options.from), ...flags('to', options.to)];
  args.push('--script', '--exit-code');
  if (options.configPath) args.push('--config', path.resolve(options.configPath));

  const result = await runPrismaCli(args, { cwd: options.cwd });
  if (result.code === 0 || result.code === 2) {
    return { script: result.stdout, empty: result.code === 0 };
  }
  throw new Error(
    `prisma migrate diff exited with code ${String(result.code)}: ${result.stderr.trim()}`,
  );
}
