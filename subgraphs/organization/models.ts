import type {
  AuditEvent,
  Domain,
  Invite,
  JoinRequest,
  Membership,
  OAuthConfig,
} from '../../generated/prisma/client.js';
import type { Connection } from '../../platform/graphql/connection.js';

/** What organization resolvers hand out for each GraphQL type (see `mappers` in codegen.ts). */
export type { Organization as OrganizationModel } from '../../generated/prisma/client.js';
export type MembershipModel = Membership;
export type MembershipConnectionModel = Connection<Membership>;
export type MembershipEdgeModel = MembershipConnectionModel['edges'][number];
export type InviteModel = Invite;
export type InviteConnectionModel = Connection<Invite>;
export type InviteEdgeModel = InviteConnectionModel['edges'][number];
export type JoinRequestModel = JoinRequest;
export type JoinRequestConnectionModel = Connection<JoinRequest>;
export type JoinRequestEdgeModel = JoinRequestConnectionModel['edges'][number];
export type DomainModel = Domain;
export type DomainConnectionModel = Connection<Domain>;
export type DomainEdgeModel = DomainConnectionModel['edges'][number];
export type OAuthConfigModel = OAuthConfig;
export type OAuthConfigConnectionModel = Connection<OAuthConfig>;
export type OAuthConfigEdgeModel = OAuthConfigConnectionModel['edges'][number];
export type AuditEventModel = AuditEvent;
export type AuditEventConnectionModel = Connection<AuditEvent>;
export type AuditEventEdgeModel = AuditEventConnectionModel['edges'][number];

/** A user known only by id; identity resolves the rest. */
export interface UserReference {
  readonly id: string;
}
