import { composeServices } from '@apollo/composition';
import type { DocumentNode, GraphQLError } from 'graphql';
import { buildASTSchema, parse } from 'graphql';

import { printApiSchema } from './print-api-schema.js';
import type { SubgraphSource } from './subgraph-sources.js';

export type CompositionOutcome =
  | {
      readonly kind: 'composed';
      readonly supergraphSdl: string;
      /** The schema clients see through the gateway, without join or link machinery. */
      readonly apiSdl: string;
    }
  | { readonly kind: 'failed'; readonly problems: readonly string[] };

interface ParsedSubgraph {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: DocumentNode;
}

/**
 * Composes the subgraphs into a supergraph. Hints fail composition as errors do: each one
 * points at a schema the subgraph owners did not mean to write, and a clean build keeps new
 * ones visible.
 */
export function composeSupergraph(sources: readonly SubgraphSource[]): CompositionOutcome {
  const services: ParsedSubgraph[] = [];
  const problems: string[] = [];

  for (const source of sources) {
    try {
      services.push({ name: source.name, url: source.url, typeDefs: parse(source.sdl) });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`error in subgraph "${source.name}": ${message}`);
    }
  }
  if (problems.length > 0) return { kind: 'failed', problems };

  const result = composeServices(services);
  if (result.errors) {
    return { kind: 'failed', problems: result.errors.map(describeCompositionError) };
  }
  if (result.hints.length > 0) {
    const hints = result.hints.map((hint) => `hint ${hint.definition.code}: ${hint.message}`);
    return { kind: 'failed', problems: hints };
  }

  // Rebuilt from the plain AST rather than taken from toGraphQLJSSchema(): Apollo's CommonJS
  // packages load graphql's CommonJS build, and a schema from one graphql instance fails the
  // instanceof checks of the other wherever a tool (vitest) resolves graphql's ESM build.
  const apiSchema = buildASTSchema(result.schema.toAPISchema().toAST());
  return {
    kind: 'composed',
    supergraphSdl: withTrailingNewline(result.supergraphSdl),
    apiSdl: printApiSchema(apiSchema),
  };
}

function describeCompositionError(error: GraphQLError): string {
  const code = error.extensions['code'];
  return typeof code === 'string' ? `error ${code}: ${error.message}` : `error: ${error.message}`;
}

function withTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
