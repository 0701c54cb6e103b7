import type { Resolvers } from '../generated/resolvers-types.js';
import { paginate } from '../paginate.js';
import { acceptInvite } from './accept-invite.js';
import { inviteMember } from './invite-member.js';
import { inviteStatus } from './invite-status.js';
import { resendInvite, revokeInvite } from './manage-invite.js';

/** Invitations by email: issue, resend, revoke, accept, and the organization's list. */
export const invitesResolvers: Resolvers = {
  Mutation: {
    inviteMember: (_parent, args, context) => inviteMember(context, args.input),
    resendInvite: (_parent, args, context) => resendInvite(context, args.id),
    revokeInvite: (_parent, args, context) => revokeInvite(context, args.id),
    acceptInvite: (_parent, args, context) => acceptInvite(context, args),
  },
  Organization: {
    invites: (organization, args, context) =>
      paginate(context.db.invite, { organizationId: organization.id }, args),
  },
  Invite: {
    status: (invite) => inviteStatus(invite),
    organization: async (invite, _args, context) => {
      const organization = await context.loaders.organizations.load(invite.organizationId);
      // The foreign key cascades on delete, so an invite always has its organization.
      if (!organization) throw new TypeError(`organization of invite ${invite.id} missing`);
      return organization;
    },
  },
};
