import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { appError } from '../errors/app-error.js';

/**
 * Applies a subgraph's rule map with deny as the fallback: a field nobody wrote a rule for is
 * refused, so adding a field never opens it by accident.
 */
export function applyPermissions(schema: GraphQLSchema, rules: IRules): GraphQLSchema {
  const permissions = shield(rules, {
    fallbackRule: deny,
    fallbackError: () => appError('FORBIDDEN', 'You may not perform this operation.'),
    // Errors that resolvers raise on purpose carry our codes; unexpected ones are still masked
    // by the error formatter, so letting them through loses nothing.
    allowExternalErrors: true,
    debug: false,
  });
  return applyMiddleware(schema, permissions);
}
