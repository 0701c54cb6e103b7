import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

import config from '../../codegen.js';
import { formatGenerated } from '../../tools/schema/format-generated.js';
import { schemaFiles } from '../../tools/schema/schema-files.js';

interface GeneratedFile {
  /** Relative to the project root, as codegen.ts names it. */
  readonly filename: string;
  readonly content: string;
}

// In memory only: the second argument stops codegen from writing, and so from running the
// beforeOneFileWrite hook, which is why the test formats each output itself.
const outputs: readonly GeneratedFile[] = await generate(
  { ...config, cwd: schemaFiles.projectRoot, silent: true },
  false,
);

describe('generated code', () => {
  it('covers every subgraph and the client', () => {
    expect(outputs.map((output) => output.filename).sort()).toEqual([
      'client/generated/graphql.ts',
      'client/generated/hooks.ts',
      'subgraphs/function/generated/resolvers-types.ts',
      'subgraphs/identity/generated/resolvers-types.ts',
      'subgraphs/organization/generated/resolvers-types.ts',
    ]);
  });

  it.each(outputs.map((output) => [output.filename, output] as const))(
    '%s is up to date',
    async (filename, output) => {
      const path = join(schemaFiles.projectRoot, filename);
      const expected = await formatGenerated(path, output.content);
      const committed = await readFile(path, 'utf8').catch(() => '(missing)');

      expect(committed, `${filename} is stale: run \`npm run codegen\``).toBe(expected);
    },
  );

  it('types each subgraph context from its own context module', async () => {
    const identity = outputs.find((output) => output.filename.includes('/identity/'));

    expect(identity?.content).toContain("import type { IdentityContext } from '../context.js';");
  });
});
