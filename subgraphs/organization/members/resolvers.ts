import type { Resolvers } from '../generated/resolvers-types.js';
import { leaveOrganization, removeMember, setMemberRole } from './member-changes.js';

/** Changing who belongs, and with which role. */
export const membersResolvers: Resolvers = {
  Mutation: {
    setMemberRole: (_parent, args, context) => setMemberRole(context, args.input),
    removeMember: (_parent, args, context) => removeMember(context, args.input),
    leaveOrganization: (_parent, args, context) => leaveOrganization(context, args.organizationId),
  },
};
