import DataLoader from 'dataloader';
import { createByIdLoader, isUuid } from '../../platform/graphql/by-id-loader.js';
import type {
  Domain,
  Invite,
  JoinRequest,
  Membership,
  MembershipRole,
  OAuthConfig,
  Organization,
  PrismaClient,
} from '../../generated/prisma/client.js';

export interface OrganizationLoaders {
  readonly organizations: DataLoader<string, Organization | null>;
  readonly invites: DataLoader<string, Invite | null>;
  readonly joinRequests: DataLoader<string, JoinRequest | null>;
  readonly domains: DataLoader<string, Domain | null>;
  readonly oauthConfigs: DataLoader<string, OAuthConfig | null>;
  /** The memberships of a user, for `User.memberships`. */
  readonly membershipsOfUser: DataLoader<string, Membership[]>;
  /** The signed-in user's role in an organization, or null when they are not a member. */
  readonly viewerRole: DataLoader<string, MembershipRole | null>;
}

const onlyUuids = (ids: readonly string[]) => ids.filter(isUuid);

/** Per-request loaders, so permission checks and resolvers share one query per kind. */
export function createOrganizationLoaders(
  db: PrismaClient,
  viewerId: string | undefined,
): OrganizationLoaders {
  const organizations = createByIdLoader((ids) =>
    db.organization.findMany({ where: { id: { in: ids } } }),
  );

  const viewerRole = new DataLoader<string, MembershipRole | null>(async (organizationIds) => {
    const valid = onlyUuids(organizationIds);
    if (!viewerId || valid.length === 0) return organizationIds.map(() => null);
    const rows = await db.membership.findMany({
      where: { userId: viewerId, organizationId: { in: valid } },
      select: { organizationId: true, role: true },
    });
    const byOrganization = new Map(rows.map((row) => [row.organizationId, row.role]));
    return organizationIds.map((id) => byOrganization.get(id) ?? null);
  });

  // `me { memberships { role organization { name } } }` is the hottest path through this
  // subgraph: the same query brings each membership's organization, and the viewer's own
  // memberships answer the role checks that guard those fields, so the path costs one query.
  const membershipsOfUser = new DataLoader<string, Membership[]>(async (userIds) => {
    const valid = onlyUuids(userIds);
    const rows = valid.length
      ? await db.membership.findMany({
          where: { userId: { in: valid } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          include: { organization: true },
        })
      : [];
    return userIds.map((userId) =>
      rows
        .filter((row) => row.userId === userId)
        .map(({ organization, ...membership }) => {
          organizations.prime(organization.id, organization);
          if (userId === viewerId) viewerRole.prime(membership.organizationId, membership.role);
          return membership;
        }),
    );
  });

  return {
    organizations,
    invites: createByIdLoader((ids) => db.invite.findMany({ where: { id: { in: ids } } })),
    joinRequests: createByIdLoader((ids) =>
      db.joinRequest.findMany({ where: { id: { in: ids } } }),
    ),
    domains: createByIdLoader((ids) => db.domain.findMany({ where: { id: { in: ids } } })),
    oauthConfigs: createByIdLoader((ids) =>
      db.oAuthConfig.findMany({ where: { id: { in: ids } } }),
    ),
    membershipsOfUser,
    viewerRole,
  };
}
