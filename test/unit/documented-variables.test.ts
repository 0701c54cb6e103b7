import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../../gateway/config.js';
import { subgraphConfigSchema } from '../../platform/server/subgraph-config.js';
import { functionModule } from '../../subgraphs/function/definition.js';
import { identityModule } from '../../subgraphs/identity/definition.js';
import { organizationModule } from '../../subgraphs/organization/definition.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const envExample = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

/** Every variable each service validates at start-up, read from its own schema. */
const variablesByService: Readonly<Record<string, readonly string[]>> = {
  gateway: Object.keys(gatewayConfigSchema.shape),
  ...Object.fromEntries(
    [identityModule, organizationModule, functionModule].map((module) => [
      module.name,
      Object.keys(subgraphConfigSchema(module.name, module.variables).shape),
    ]),
  ),
};

/** Variables `.env.example` sets, commented out or not: `NAME=` at the start of a line. */
const exampleVariables = new Set(
  [...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]),
);

describe.each(Object.entries(variablesByService))('the variables of %s', (_service, names) => {
  it('are read from a schema at all', () => {
    expect(names.length).toBeGreaterThan(5);
  });

  it('are each documented in README.md', () => {
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('are each listed in .env.example', () => {
    expect(names.filter((name) => !exampleVariables.has(name))).toEqual([]);
  });
});
