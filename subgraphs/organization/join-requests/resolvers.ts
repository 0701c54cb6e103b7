import { viewerIdOf } from '../../../platform/rules/viewer-id.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { paginate } from '../paginate.js';
import { approveJoinRequest, denyJoinRequest } from './decide-join-request.js';
import { discoverOrganizations } from './discover-organizations.js';
import { requestToJoin } from './request-to-join.js';

/** Joining through a verified domain: discover, ask, and the administrators' decision. */
export const joinRequestsResolvers: Resolvers = {
  Query: {
    discoverOrganizations: (_parent, _args, context) => discoverOrganizations(context),
  },
  Mutation: {
    requestToJoin: (_parent, args, context) => requestToJoin(context, args),
    approveJoinRequest: (_parent, args, context) => approveJoinRequest(context, args),
    denyJoinRequest: (_parent, args, context) => denyJoinRequest(context, args.id),
  },
  Organization: {
    joinRequests: (organization, args, context) =>
      paginate(context.db.joinRequest, { organizationId: organization.id }, args),
  },
  JoinRequest: {
    organization: async (request, _args, context) => {
      // Whoever asked may see the name of what they asked to join, member or not.
      if (request.userId === viewerIdOf(context)) {
        context.visibleOrganizationIds.add(request.organizationId);
      }
      const organization = await context.loaders.organizations.load(request.organizationId);
      // The foreign key cascades on delete, so a request always has its organization.
      if (!organization) throw new TypeError(`organization of join request ${request.id} missing`);
      return organization;
    },
    user: (request) => ({ id: request.userId }),
  },
};
