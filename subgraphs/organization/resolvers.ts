import { mergeResolverMaps } from '../../platform/graphql/merge-resolvers.js';
import { auditResolvers } from './audit/resolvers.js';
import { coreResolvers } from './core-resolvers.js';
import { domainsResolvers } from './domains/resolvers.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { invitesResolvers } from './invites/resolvers.js';
import { joinRequestsResolvers } from './join-requests/resolvers.js';
import { membersResolvers } from './members/resolvers.js';
import { oauthConfigsResolvers } from './oauth-configs/resolvers.js';

/** The organization subgraph's resolvers, one map per area of the domain. */
export const organizationResolvers: Resolvers = mergeResolverMaps<Resolvers>(
  coreResolvers,
  membersResolvers,
  invitesResolvers,
  joinRequestsResolvers,
  domainsResolvers,
  oauthConfigsResolvers,
  auditResolvers,
);
