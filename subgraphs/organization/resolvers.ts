import {
  afterCursorFilter,
  keysetOrder,
  pageRequest,
  toConnection,
} from '../../platform/graphql/connection.js';
import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import { requireViewerId } from '../../platform/rules/viewer-id.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { organizationName } from './organization-name.js';

export const organizationResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    organization: async (_parent, args, context) => {
      const role = await context.loaders.viewerRole.load(args.id);
      return role ? context.loaders.organizations.load(args.id) : null;
    },
  },
  Mutation: {
    createOrganization: async (_parent, args, context) => {
      const userId = requireViewerId(context);
      const name = organizationName(args.input.name);
      return context.db.organization.create({
        data: { name, memberships: { create: { userId, role: 'OWNER' } } },
      });
    },
  },
  Organization: {
    __resolveReference: (reference, context) => context.loaders.organizations.load(reference.id),
    members: async (organization, args, context) => {
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
    organization: async (membership, _args, context) => {
      const organization = await context.loaders.organizations.load(membership.organizationId);
      // A membership row always has its organization: the foreign key cascades on delete.
      if (!organization) throw new TypeError(`organization of membership ${membership.id} missing`);
      return organization;
    },
    user: (membership) => ({ id: membership.userId }),
  },
  User: {
    __resolveReference: (reference) => ({ id: reference.id }),
    memberships: (user, _args, context) => context.loaders.membershipsOfUser.load(user.id),
  },
};
