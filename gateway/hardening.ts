import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  readonly maxDirectives: number;
  /** Introspection queries are legitimately deep; they are exempt only where they are allowed. */
  readonly introspectionAllowed: boolean;
  readonly production: boolean;
}

/**
 * Limits checked during validation, before any subgraph is called. Each rejection is a
 * GRAPHQL_VALIDATION_FAILED error that states the limit, which helps honest clients and tells
 * an attacker nothing they could not read in our README.
 */
export function operationLimits(limits: OperationLimits) {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      ignoreIntrospection: limits.introspectionAllowed,
      flattenFragments: false,
      exposeLimits: true,
    },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    costLimit: {
      maxCost: limits.maxCost,
      ignoreIntrospection: limits.introspectionAllowed,
      exposeLimits: true,
    },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: limits.production },
  });
  return armor.protect();
}
