import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { schemaFiles } from '../../tools/schema/schema-files.js';

const tsc = join(schemaFiles.projectRoot, 'node_modules/typescript/bin/tsc');
const clientConfig = join(schemaFiles.projectRoot, 'client/tsconfig.json');

interface TscResult {
  readonly exitCode: number;
  readonly output: string;
}

async function typecheck(project: string): Promise<TscResult> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [
      tsc,
      '--noEmit',
      '-p',
      project,
    ]);
    return { exitCode: 0, output: stdout };
  } catch (error: unknown) {
    const failure = error as { code?: unknown; stdout?: unknown; stderr?: unknown };
    return {
      exitCode: typeof failure.code === 'number' ? failure.code : -1,
      output: `${String(failure.stdout ?? '')}${String(failure.stderr ?? '')}`,
    };
  }
}

const scratch = await mkdtemp(join(tmpdir(), 'client-typecheck-'));

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('generated client', () => {
  it('type-checks under strict settings (client/tsconfig.json)', async () => {
    const result = await typecheck(clientConfig);

    expect(result.output, 'tsc reported errors in client/').toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('rejects an operation called without its required variables', async () => {
    const probe = join(scratch, 'probe.ts');
    const client = join(schemaFiles.projectRoot, 'client/index.js');
    await writeFile(
      probe,
      [
        `import { useOrganizationQuery } from ${JSON.stringify(client)};`,
        'export const probe = () => useOrganizationQuery({ variables: { first: 10 } });',
        '',
      ].join('\n'),
    );
    const project = join(scratch, 'tsconfig.json');
    await writeFile(
      project,
      JSON.stringify({ extends: clientConfig, files: [probe], include: [] }),
    );

    const result = await typecheck(project);

    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/probe\.ts\(2,\d+\): error TS\d+: .*'id'/);
  });
});
