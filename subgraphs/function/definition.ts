import type { PrismaClient } from '../../generated/prisma/client.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-service.js';
import type { FunctionContext } from './context.js';
import { functionPermissions } from './permissions.js';
import { functionResolvers } from './resolvers.js';
import { createSolutionLoader } from './solution-loader.js';

export function functionSubgraph(db: PrismaClient): SubgraphDefinition<FunctionContext> {
  return {
    name: 'function',
    resolvers: functionResolvers,
    permissions: functionPermissions,
    createContext: (base) => ({ ...base, db, solutions: createSolutionLoader(db) }),
  };
}
