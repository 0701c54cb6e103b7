import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import type { FunctionContext } from './context.js';
import { functionPermissions } from './permissions.js';
import { functionResolvers } from './resolvers.js';
import { createSolutionLoader } from './solution-loader.js';

export const functionModule: SubgraphModule<FunctionContext, Record<never, never>> = {
  name: 'function',
  variables: {},
  create: ({ database }) => {
    const db = database.prisma;
    return {
      name: 'function',
      resolvers: functionResolvers,
      permissions: functionPermissions,
      createContext: (base) => ({ ...base, db, solutions: createSolutionLoader(db) }),
    };
  },
};
