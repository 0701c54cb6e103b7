import type { PrismaClient } from '../../generated/prisma/client.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-service.js';
import type { IdentityContext } from './context.js';
import { identityPermissions } from './permissions.js';
import { identityResolvers } from './resolvers.js';
import { createUserLoader } from './user-loader.js';

export function identitySubgraph(db: PrismaClient): SubgraphDefinition<IdentityContext> {
  return {
    name: 'identity',
    resolvers: identityResolvers,
    permissions: identityPermissions,
    createContext: (base) => ({ ...base, db, users: createUserLoader(db) }),
  };
}
