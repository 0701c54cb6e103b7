import { and, deny } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isAuthenticated } from '../../platform/rules/is-authenticated.js';
import { isSelf } from '../../platform/rules/is-self.js';

/**
 * Who may do what in the identity subgraph. Anything not listed is denied by the fallback
 * rule (platform/graphql/shield-middleware.ts).
 */
export const identityPermissions: IRules = {
  Query: {
    me: isAuthenticated,
    _entities: isAuthenticated,
    _service: deny,
  },
  User: {
    id: isAuthenticated,
    displayName: isAuthenticated,
    email: and(isAuthenticated, isSelf),
    emailVerified: and(isAuthenticated, isSelf),
    createdAt: and(isAuthenticated, isSelf),
  },
};
