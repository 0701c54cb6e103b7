import { allow, and, deny } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isAuthenticated } from '../../platform/rules/is-authenticated.js';
import { isSelf } from '../../platform/rules/is-self.js';
import { isMembershipVisible } from './rules/is-membership-visible.js';
import { isOrganizationMember } from './rules/is-organization-member.js';

/**
 * Who may do what in the organization subgraph. Anything not listed is denied by the
 * fallback rule. Organization and membership fields are guarded on the type itself, so every
 * path to them (queries, nested fields, entity references) passes the same check.
 */
export const organizationPermissions: IRules = {
  Query: {
    organization: isAuthenticated,
    _entities: isAuthenticated,
    _service: deny,
  },
  Mutation: {
    createOrganization: isAuthenticated,
  },
  Organization: { '*': and(isAuthenticated, isOrganizationMember) },
  Membership: { '*': and(isAuthenticated, isMembershipVisible) },
  // Reachable only through a guarded Organization field; the wrappers add nothing to hide.
  MembershipConnection: { '*': allow },
  MembershipEdge: { '*': allow },
  PageInfo: { '*': allow },
  User: {
    id: isAuthenticated,
    memberships: and(isAuthenticated, isSelf),
  },
};
