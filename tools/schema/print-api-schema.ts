import type { GraphQLSchema } from 'graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/**
 * Prints a schema with types, fields, arguments and enum values sorted by name, so the
 * committed contract changes only where the API does, whatever order the subgraphs use.
 */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
