import { and, deny } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isAuthenticated } from '../../platform/rules/is-authenticated.js';
import { isSolutionOwner } from './rules/is-solution-owner.js';

/** Who may do what in the function subgraph; anything not listed is denied. */
export const functionPermissions: IRules = {
  Query: {
    mySolutions: isAuthenticated,
    solution: isAuthenticated,
    _entities: isAuthenticated,
    _service: deny,
  },
  Mutation: {
    createSolution: isAuthenticated,
  },
  Solution: { '*': and(isAuthenticated, isSolutionOwner) },
  // A reference only: this subgraph never resolves User fields itself.
  User: { id: isAuthenticated },
};
