import { readFile } from 'node:fs/promises';

import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'graphql';

import type { CompositionOutcome } from '../../tools/schema/compose-supergraph.js';
import { composeSupergraph } from '../../tools/schema/compose-supergraph.js';
import { schemaFiles } from '../../tools/schema/schema-files.js';
import { readSubgraphSources } from '../../tools/schema/subgraph-sources.js';

export type ComposedOutcome = Extract<CompositionOutcome, { kind: 'composed' }>;

/** Composes the subgraph SDL files as they are now; fails the test when composition fails. */
export async function composeCurrent(): Promise<ComposedOutcome> {
  const outcome = composeSupergraph(await readSubgraphSources());
  if (outcome.kind === 'failed') {
    throw new Error(`composition failed:\n${outcome.problems.join('\n')}`);
  }
  return outcome;
}

/** The published contract, schema/api.graphql, as text. */
export function readPublishedApiSdl(): Promise<string> {
  return readFile(schemaFiles.api, 'utf8');
}

/** The published contract, schema/api.graphql, as a schema. */
export async function readPublishedApiSchema(): Promise<GraphQLSchema> {
  return buildSchema(await readPublishedApiSdl());
}
