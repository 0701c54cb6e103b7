import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import { requireViewerId } from '../../platform/rules/viewer-id.js';
import { recordAuditEvent } from './audit/record-audit-event.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { idempotentCreate } from './idempotency/idempotent-create.js';
import { organizationName } from './organization-name.js';
import { paginate } from './paginate.js';
import { updateOrganization } from './update-organization.js';

/** Organizations themselves: create, read, rename, settings, members, memberships. */
export const coreResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    organization: async (_parent, args, context) => {
      const role = await context.loaders.viewerRole.load(args.id);
      return role ? context.loaders.organizations.load(args.id) : null;
    },
  },
  Mutation: {
    createOrganization: (_parent, args, context) => {
      const userId = requireViewerId(context);
      const name = organizationName(args.input.name);
      return idempotentCreate(
        context.db,
        {
          userId,
          operation: 'createOrganization',
          key: args.input.idempotencyKey,
          input: { name },
        },
        async (tx) => {
          const organization = await tx.organization.create({
            data: { name, memberships: { create: { userId, role: 'OWNER' } } },
          });
          await recordAuditEvent(tx, context, {
            organizationId: organization.id,
            action: 'organization.created',
            targetType: 'Organization',
            targetId: organization.id,
            details: { name },
          });
          return organization;
        },
        (id) => context.db.organization.findUnique({ where: { id } }),
      );
    },
    updateOrganization: (_parent, args, context) => updateOrganization(context, args.input),
  },
  Organization: {
    __resolveReference: (reference, context) => context.loaders.organizations.load(reference.id),
    viewerRole: async (organization, _args, context) => {
      const role = await context.loaders.viewerRole.load(organization.id);
      // The permission rule on Organization fields has already demanded membership.
      if (!role) throw new TypeError('viewerRole read without a membership');
      return role;
    },
    settings: (organization) => ({
      joinRequestsEnabled: organization.joinRequestsEnabled,
      defaultRole: organization.defaultRole,
    }),
    members: (organization, args, context) =>
      paginate(context.db.membership, { organizationId: organization.id }, args),
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
