import type { Membership, Organization } from '../../generated/prisma/client.js';
import {
  afterCursorFilter,
  keysetOrder,
  pageRequest,
  toConnection,
  type ConnectionArgs,
} from '../../platform/graphql/connection.js';
import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { OrganizationContext } from './context.js';
import { organizationName } from './organization-name.js';

function requireViewer(context: OrganizationContext): string {
  const viewerId = viewerIdOf(context);
  // The permission rules have already demanded a signed-in user for every caller of this.
  if (!viewerId) throw new TypeError('resolver reached without a signed-in user');
  return viewerId;
}

export const organizationResolvers = {
  DateTime: DateTimeScalar,
  Query: {
    organization: async (_parent: unknown, args: { id: string }, context: OrganizationContext) => {
      const role = await context.loaders.viewerRole.load(args.id);
      return role ? context.loaders.organizations.load(args.id) : null;
    },
  },
  Mutation: {
    createOrganization: async (
      _parent: unknown,
      args: { input: { name: string } },
      context: OrganizationContext,
    ) => {
      const userId = requireViewer(context);
      const name = organizationName(args.input.name);
      return context.db.organization.create({
        data: { name, memberships: { create: { userId, role: 'OWNER' } } },
      });
    },
  },
  Organization: {
    __resolveReference: (reference: { readonly id: string }, context: OrganizationContext) =>
      context.loaders.organizations.load(reference.id),
    members: async (organization: Organization, args: ConnectionArgs, context: OrganizationContext) => {
      const page = pageRequest(args);
      const where = { organizationId: organization.id };
      const [rows, totalCount] = await Promise.all([
        context.db.membership.findMany({
          where: { ...where, ...afterCursorFilter(page.after) },
          orderBy: keysetOrder,
          take: page.size + 1,
        }),
        context.db.membership.count({ where }),
      ]);
      return toConnection(rows, page.size, totalCount);
    },
  },
  Membership: {
    organization: (membership: Membership, _args: unknown, context: OrganizationContext) =>
      context.loaders.organizations.load(membership.organizationId),
    user: (membership: Membership) => ({ __typename: 'User', id: membership.userId }),
  },
  User: {
    __resolveReference: (reference: { readonly id: string }) => ({ id: reference.id }),
    memberships: (user: { readonly id: string }, _args: unknown, context: OrganizationContext) =>
      context.loaders.membershipsOfUser.load(user.id),
  },
};
