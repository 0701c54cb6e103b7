import type { Membership } from '../../generated/prisma/client.js';
import type { Connection } from '../../platform/graphql/connection.js';

/** What organization resolvers hand out for each GraphQL type (see `mappers` in codegen.ts). */
export type { Organization as OrganizationModel } from '../../generated/prisma/client.js';
export type MembershipModel = Membership;
export type MembershipConnectionModel = Connection<Membership>;
export type MembershipEdgeModel = MembershipConnectionModel['edges'][number];

/** A user known only by id; identity resolves the rest. */
export interface UserReference {
  readonly id: string;
}
