import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { composeSupergraph } from '../../tools/schema/compose-supergraph.js';
import { schemaFiles } from '../../tools/schema/schema-files.js';
import { readSubgraphSources } from '../../tools/schema/subgraph-sources.js';

const linkHeader =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

function subgraph(name: string, port: number, body: string) {
  return { name, url: `http://127.0.0.1:${port}/graphql`, sdl: `${linkHeader}\n${body}` };
}

describe('supergraph composition', () => {
  it('composes the subgraphs without errors or hints', async () => {
    const outcome = composeSupergraph(await readSubgraphSources());

    expect(outcome.kind === 'failed' ? outcome.problems : [], 'composition problems').toEqual([]);
  });

  it('matches the committed schema/supergraph.graphql', async () => {
    const outcome = composeSupergraph(await readSubgraphSources());
    if (outcome.kind === 'failed') throw new Error(outcome.problems.join('\n'));

    const committed = await readFile(schemaFiles.supergraph, 'utf8');
    expect(committed, 'schema/supergraph.graphql is stale: run `npm run compose`').toBe(
      outcome.supergraphSdl,
    );
  });

  it('writes the default local routing URL of every subgraph', async () => {
    const committed = await readFile(schemaFiles.supergraph, 'utf8');

    expect(committed).toContain(
      '@join__graph(name: "identity", url: "http://127.0.0.1:4001/graphql")',
    );
    expect(committed).toContain(
      '@join__graph(name: "organization", url: "http://127.0.0.1:4002/graphql")',
    );
    expect(committed).toContain(
      '@join__graph(name: "function", url: "http://127.0.0.1:4003/graphql")',
    );
  });

  it('fails with the error code when two subgraphs disagree on a field type', () => {
    const outcome = composeSupergraph([
      subgraph(
        'a',
        4101,
        'type Query { a: Thing } type Thing @key(fields: "id") { id: ID! n: Int! }',
      ),
      subgraph(
        'b',
        4102,
        'type Query { b: Thing } type Thing @key(fields: "id") { id: ID! n: String! }',
      ),
    ]);

    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.problems.join('\n')).toMatch(
      /^error FIELD_TYPE_MISMATCH: .*"Thing\.n"/m,
    );
  });

  it('fails on a hint, not only on errors', () => {
    const outcome = composeSupergraph([
      subgraph('a', 4101, '"""First wording."""\nscalar Stamp\ntype Query { a: Stamp }'),
      subgraph('b', 4102, '"""Second wording."""\nscalar Stamp\ntype Query { b: Stamp }'),
    ]);

    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.problems.join('\n')).toMatch(
      /^hint INCONSISTENT_DESCRIPTION: /m,
    );
  });

  it('names the subgraph whose SDL does not parse', () => {
    const outcome = composeSupergraph([subgraph('broken', 4101, 'type Query {')]);

    expect(outcome).toEqual({
      kind: 'failed',
      problems: [expect.stringMatching(/^error in subgraph "broken": Syntax Error/)],
    });
  });
});
