import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type {
  OrganizationModel,
  MembershipModel,
  MembershipConnectionModel,
  MembershipEdgeModel,
  InviteModel,
  InviteConnectionModel,
  InviteEdgeModel,
  JoinRequestModel,
  JoinRequestConnectionModel,
  JoinRequestEdgeModel,
  DomainModel,
  DomainConnectionModel,
  DomainEdgeModel,
  OAuthConfigModel,
  OAuthConfigConnectionModel,
  OAuthConfigEdgeModel,
  AuditEventModel,
  AuditEventConnectionModel,
  AuditEventEdgeModel,
  UserReference,
} from '../models.js';
import type { OrganizationContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** An instant in time, as an ISO 8601 string in UTC. */
  DateTime: { input: Date | string; output: Date | string };
  _FieldSet: { input: string; output: string };
};

export type AddDomainInput = {
  domain: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  organizationId: Scalars['ID']['input'];
};

export type AuditEvent = {
  __typename?: 'AuditEvent';
  action: Scalars['String']['output'];
  /** Resolved by the identity subgraph; null when it cannot be reached. */
  actor?: Maybe<User>;
  clientAddress: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** What changed, as JSON text; never a secret value. */
  details: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  targetId: Scalars['ID']['output'];
  targetType: Scalars['String']['output'];
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

export type CreateOrganizationInput = {
  /** Repeating a request with the same key has one effect, e.g. after a dropped connection. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type DnsRecord = {
  __typename?: 'DnsRecord';
  name: Scalars['String']['output'];
  type: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type Domain = {
  __typename?: 'Domain';
  domain: Scalars['String']['output'];
  enrollment: DomainEnrollment;
  id: Scalars['ID']['output'];
  status: DomainStatus;
  /** The TXT record to publish at the domain: name and value. */
  verificationRecord: DnsRecord;
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type DomainConnection = {
  __typename?: 'DomainConnection';
  edges: Array<DomainEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DomainEdge = {
  __typename?: 'DomainEdge';
  cursor: Scalars['String']['output'];
  node: Domain;
};

export type DomainEnrollment = 'AUTO' | 'INVITE_ONLY' | 'REQUEST';

export type DomainStatus = 'PENDING' | 'VERIFIED';

export type Invite = {
  __typename?: 'Invite';
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  organization: Organization;
  role: Role;
  status: InviteStatus;
};

export type InviteConnection = {
  __typename?: 'InviteConnection';
  edges: Array<InviteEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type InviteEdge = {
  __typename?: 'InviteEdge';
  cursor: Scalars['String']['output'];
  node: Invite;
};

export type InviteMemberInput = {
  email: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  organizationId: Scalars['ID']['input'];
  role: Role;
};

export type InviteStatus = 'ACCEPTED' | 'EXPIRED' | 'PENDING' | 'REVOKED';

export type JoinRequest = {
  __typename?: 'JoinRequest';
  createdAt: Scalars['DateTime']['output'];
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  organization: Organization;
  status: JoinRequestStatus;
  user?: Maybe<User>;
};

export type JoinRequestConnection = {
  __typename?: 'JoinRequestConnection';
  edges: Array<JoinRequestEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type JoinRequestEdge = {
  __typename?: 'JoinRequestEdge';
  cursor: Scalars['String']['output'];
  node: JoinRequest;
};

export type JoinRequestStatus = 'APPROVED' | 'DENIED' | 'PENDING';

export type Membership = {
  __typename?: 'Membership';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  organization: Organization;
  role: Role;
  /** Resolved by the identity subgraph; null when it cannot be reached. */
  user?: Maybe<User>;
};

export type MembershipConnection = {
  __typename?: 'MembershipConnection';
  edges: Array<MembershipEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MembershipEdge = {
  __typename?: 'MembershipEdge';
  cursor: Scalars['String']['output'];
  node: Membership;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Accepts an invitation as the signed-in user, whose verified email must be the invited one. */
  acceptInvite: Membership;
  /** Adds a domain as pending; publish its verificationRecord as a DNS TXT record, then verify. */
  addDomain: Domain;
  approveJoinRequest: Membership;
  /** Creates an organization; the signed-in user becomes its OWNER. */
  createOrganization: Organization;
  deleteOAuthConfig: Scalars['Boolean']['output'];
  denyJoinRequest: JoinRequest;
  /** Invites someone by email; they receive a link valid for 7 days. */
  inviteMember: Invite;
  /** Leaves an organization. The last OWNER cannot leave. */
  leaveOrganization: Scalars['Boolean']['output'];
  removeDomain: Scalars['Boolean']['output'];
  /** Removes a member. The last OWNER cannot be removed. */
  removeMember: Scalars['Boolean']['output'];
  /**
   * Asks to join through a verified domain of the signed-in user's verified email. An unknown
   * organization and one that takes no request from the user are refused alike, with FORBIDDEN.
   */
  requestToJoin: JoinRequest;
  /** Sends a new link; the previous one stops working. */
  resendInvite: Invite;
  revokeInvite: Invite;
  /**
   * Creates or updates an OAuth/SSO configuration. The client secret is write-only: send it to
   * set or replace it; no query ever returns it.
   */
  saveOAuthConfig: OAuthConfig;
  setDomainEnrollment: Domain;
  /**
   * Changes a member's role. ADMINs manage MEMBERs; OWNERs manage everyone. Nobody grants a
   * role above their own, and the last OWNER cannot be demoted.
   */
  setMemberRole: Membership;
  updateOrganization: Organization;
  /** Looks up the TXT record and marks the domain verified when it is found. */
  verifyDomain: Domain;
};

export type MutationAcceptInviteArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  token: Scalars['String']['input'];
};

export type MutationAddDomainArgs = {
  input: AddDomainInput;
};

export type MutationApproveJoinRequestArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};

export type MutationDeleteOAuthConfigArgs = {
  id: Scalars['ID']['input'];
};

export type MutationDenyJoinRequestArgs = {
  id: Scalars['ID']['input'];
};

export type MutationInviteMemberArgs = {
  input: InviteMemberInput;
};

export type MutationLeaveOrganizationArgs = {
  organizationId: Scalars['ID']['input'];
};

export type MutationRemoveDomainArgs = {
  id: Scalars['ID']['input'];
};

export type MutationRemoveMemberArgs = {
  input: RemoveMemberInput;
};

export type MutationRequestToJoinArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  organizationId: Scalars['ID']['input'];
};

export type MutationResendInviteArgs = {
  id: Scalars['ID']['input'];
};

export type MutationRevokeInviteArgs = {
  id: Scalars['ID']['input'];
};

export type MutationSaveOAuthConfigArgs = {
  input: SaveOAuthConfigInput;
};

export type MutationSetDomainEnrollmentArgs = {
  input: SetDomainEnrollmentInput;
};

export type MutationSetMemberRoleArgs = {
  input: SetMemberRoleInput;
};

export type MutationUpdateOrganizationArgs = {
  input: UpdateOrganizationInput;
};

export type MutationVerifyDomainArgs = {
  id: Scalars['ID']['input'];
};

export type OAuthConfig = {
  __typename?: 'OAuthConfig';
  autoProvision: Scalars['Boolean']['output'];
  clientId: Scalars['String']['output'];
  defaultRole: Role;
  domains: Array<Scalars['String']['output']>;
  /** Whether a client secret is stored. The secret itself is never returned. */
  hasClientSecret: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  issuer: Scalars['String']['output'];
  name: Scalars['String']['output'];
  redirectUris: Array<Scalars['String']['output']>;
  scopes: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  type: OAuthConfigType;
  updatedAt: Scalars['DateTime']['output'];
};

export type OAuthConfigConnection = {
  __typename?: 'OAuthConfigConnection';
  edges: Array<OAuthConfigEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OAuthConfigEdge = {
  __typename?: 'OAuthConfigEdge';
  cursor: Scalars['String']['output'];
  node: OAuthConfig;
};

export type OAuthConfigType = 'ENTRA_ID' | 'OIDC' | 'OKTA';

export type Organization = {
  __typename?: 'Organization';
  /** ADMIN and OWNER only. */
  auditLog: AuditEventConnection;
  createdAt: Scalars['DateTime']['output'];
  /** ADMIN and OWNER only. */
  domains: DomainConnection;
  id: Scalars['ID']['output'];
  /** ADMIN and OWNER only. */
  invites: InviteConnection;
  /** ADMIN and OWNER only. */
  joinRequests: JoinRequestConnection;
  members: MembershipConnection;
  name: Scalars['String']['output'];
  /** ADMIN and OWNER only. */
  oauthConfigs: OAuthConfigConnection;
  settings: OrganizationSettings;
  /** The signed-in user's role here. */
  viewerRole: Role;
};

export type OrganizationAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationDomainsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationInvitesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationJoinRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationOauthConfigsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationSettings = {
  __typename?: 'OrganizationSettings';
  /** The role given to people who join through a verified AUTO domain: MEMBER or ADMIN. */
  defaultRole: Role;
  /**
   * Whether people may get in through a verified REQUEST or AUTO domain without an invitation;
   * when off, they can neither ask to join nor join automatically.
   */
  joinRequestsEnabled: Scalars['Boolean']['output'];
};

export type OrganizationSettingsInput = {
  /** MEMBER or ADMIN; making it ADMIN needs the OWNER role. */
  defaultRole?: InputMaybe<Role>;
  joinRequestsEnabled?: InputMaybe<Scalars['Boolean']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * The audit log of an organization, oldest event first. ADMIN and OWNER only; the same as
   * Organization.auditLog.
   */
  auditLog: AuditEventConnection;
  /**
   * Organizations the signed-in user may ask to join, because a verified domain of theirs
   * matches the user's verified email address and allows requests or automatic joining.
   */
  discoverOrganizations: Array<Organization>;
  /**
   * An organization the signed-in user belongs to; null when it does not exist or the user is
   * not a member, so the two cases cannot be told apart.
   */
  organization?: Maybe<Organization>;
};

export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};

export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};

export type RemoveMemberInput = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};

export type Role = 'ADMIN' | 'MEMBER' | 'OWNER';

export type SaveOAuthConfigInput = {
  autoProvision: Scalars['Boolean']['input'];
  clientId: Scalars['String']['input'];
  /** Write-only. Omit to keep the stored secret. */
  clientSecret?: InputMaybe<Scalars['String']['input']>;
  defaultRole: Role;
  domains: Array<Scalars['String']['input']>;
  /** Set to update an existing configuration; omit to create one. */
  id?: InputMaybe<Scalars['ID']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  issuer: Scalars['String']['input'];
  name: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
  redirectUris: Array<Scalars['String']['input']>;
  scopes: Array<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  type: OAuthConfigType;
};

export type SetDomainEnrollmentInput = {
  enrollment: DomainEnrollment;
  id: Scalars['ID']['input'];
};

export type SetMemberRoleInput = {
  organizationId: Scalars['ID']['input'];
  role: Role;
  userId: Scalars['ID']['input'];
};

export type UpdateOrganizationInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  organizationId: Scalars['ID']['input'];
  settings?: InputMaybe<OrganizationSettingsInput>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /**
   * The organizations this user belongs to. Only the user themself may read it. Null, with an
   * error, when the organization subgraph cannot be reached: were it non-null, that error would
   * null the whole `me` instead of this one field.
   */
  memberships?: Maybe<Array<Membership>>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
  reference: TReference,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
type NullableCheck<T, S> =
  Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<
  TResult,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> =
  | ResolverFn<TResult, TParent, TContext, TArgs>
  | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<
  TResult,
  TKey extends string,
  TParent,
  TContext,
  TArgs,
> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<
  TResult,
  TKey extends string,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<
  TTypes,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo,
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<
  T = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<
  TResult = Record<PropertyKey, never>,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Organization: Organization;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Organization: { __typename: 'Organization' } & GraphQLRecursivePick<
    FederationTypes['Organization'],
    { id: true }
  >;
  User: { __typename: 'User' } & GraphQLRecursivePick<FederationTypes['User'], { id: true }>;
}>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AddDomainInput: AddDomainInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  AuditEventConnection: ResolverTypeWrapper<AuditEventConnectionModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditEventEdge: ResolverTypeWrapper<AuditEventEdgeModel>;
  CreateOrganizationInput: CreateOrganizationInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DnsRecord: ResolverTypeWrapper<DnsRecord>;
  Domain: ResolverTypeWrapper<DomainModel>;
  DomainConnection: ResolverTypeWrapper<DomainConnectionModel>;
  DomainEdge: ResolverTypeWrapper<DomainEdgeModel>;
  DomainEnrollment: DomainEnrollment;
  DomainStatus: DomainStatus;
  Invite: ResolverTypeWrapper<InviteModel>;
  InviteConnection: ResolverTypeWrapper<InviteConnectionModel>;
  InviteEdge: ResolverTypeWrapper<InviteEdgeModel>;
  InviteMemberInput: InviteMemberInput;
  InviteStatus: InviteStatus;
  JoinRequest: ResolverTypeWrapper<JoinRequestModel>;
  JoinRequestConnection: ResolverTypeWrapper<JoinRequestConnectionModel>;
  JoinRequestEdge: ResolverTypeWrapper<JoinRequestEdgeModel>;
  JoinRequestStatus: JoinRequestStatus;
  Membership: ResolverTypeWrapper<MembershipModel>;
  MembershipConnection: ResolverTypeWrapper<MembershipConnectionModel>;
  MembershipEdge: ResolverTypeWrapper<MembershipEdgeModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  OAuthConfig: ResolverTypeWrapper<OAuthConfigModel>;
  OAuthConfigConnection: ResolverTypeWrapper<OAuthConfigConnectionModel>;
  OAuthConfigEdge: ResolverTypeWrapper<OAuthConfigEdgeModel>;
  OAuthConfigType: OAuthConfigType;
  Organization: ResolverTypeWrapper<OrganizationModel>;
  OrganizationSettings: ResolverTypeWrapper<OrganizationSettings>;
  OrganizationSettingsInput: OrganizationSettingsInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RemoveMemberInput: RemoveMemberInput;
  Role: Role;
  SaveOAuthConfigInput: SaveOAuthConfigInput;
  SetDomainEnrollmentInput: SetDomainEnrollmentInput;
  SetMemberRoleInput: SetMemberRoleInput;
  UpdateOrganizationInput: UpdateOrganizationInput;
  User: ResolverTypeWrapper<UserReference>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddDomainInput: AddDomainInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AuditEvent: AuditEventModel;
  AuditEventConnection: AuditEventConnectionModel;
  Int: Scalars['Int']['output'];
  AuditEventEdge: AuditEventEdgeModel;
  CreateOrganizationInput: CreateOrganizationInput;
  DateTime: Scalars['DateTime']['output'];
  DnsRecord: DnsRecord;
  Domain: DomainModel;
  DomainConnection: DomainConnectionModel;
  DomainEdge: DomainEdgeModel;
  Invite: InviteModel;
  InviteConnection: InviteConnectionModel;
  InviteEdge: InviteEdgeModel;
  InviteMemberInput: InviteMemberInput;
  JoinRequest: JoinRequestModel;
  JoinRequestConnection: JoinRequestConnectionModel;
  JoinRequestEdge: JoinRequestEdgeModel;
  Membership: MembershipModel;
  MembershipConnection: MembershipConnectionModel;
  MembershipEdge: MembershipEdgeModel;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  OAuthConfig: OAuthConfigModel;
  OAuthConfigConnection: OAuthConfigConnectionModel;
  OAuthConfigEdge: OAuthConfigEdgeModel;
  Organization: OrganizationModel;
  OrganizationSettings: OrganizationSettings;
  OrganizationSettingsInput: OrganizationSettingsInput;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RemoveMemberInput: RemoveMemberInput;
  SaveOAuthConfigInput: SaveOAuthConfigInput;
  SetDomainEnrollmentInput: SetDomainEnrollmentInput;
  SetMemberRoleInput: SetMemberRoleInput;
  UpdateOrganizationInput: UpdateOrganizationInput;
  User: UserReference;
}>;

export type AuditEventResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent'],
> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  clientAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditEventConnectionResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['AuditEventConnection'] =
    ResolversParentTypes['AuditEventConnection'],
> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditEventEdgeResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['AuditEventEdge'] =
    ResolversParentTypes['AuditEventEdge'],
> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<
  ResolversTypes['DateTime'],
  any
> {
  name: 'DateTime';
}

export type DnsRecordResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['DnsRecord'] = ResolversParentTypes['DnsRecord'],
> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DomainResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['Domain'] = ResolversParentTypes['Domain'],
> = ResolversObject<{
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enrollment?: Resolver<ResolversTypes['DomainEnrollment'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DomainStatus'], ParentType, ContextType>;
  verificationRecord?: Resolver<ResolversTypes['DnsRecord'], ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type DomainConnectionResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['DomainConnection'] =
    ResolversParentTypes['DomainConnection'],
> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DomainEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DomainEdgeResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['DomainEdge'] = ResolversParentTypes['DomainEdge'],
> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Domain'], ParentType, ContextType>;
}>;

export type InviteResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['Invite'] = ResolversParentTypes['Invite'],
> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InviteStatus'], ParentType, ContextType>;
}>;

export type InviteConnectionResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['InviteConnection'] =
    ResolversParentTypes['InviteConnection'],
> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['InviteEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type InviteEdgeResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['InviteEdge'] = ResolversParentTypes['InviteEdge'],
> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Invite'], ParentType, ContextType>;
}>;

export type JoinRequestResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['JoinRequest'] = ResolversParentTypes['JoinRequest'],
> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JoinRequestStatus'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type JoinRequestConnectionResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['JoinRequestConnection'] =
    ResolversParentTypes['JoinRequestConnection'],
> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['JoinRequestEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type JoinRequestEdgeResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['JoinRequestEdge'] =
    ResolversParentTypes['JoinRequestEdge'],
> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['JoinRequest'], ParentType, ContextType>;
}>;

export type MembershipResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['Membership'] = ResolversParentTypes['Membership'],
> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type MembershipConnectionResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['MembershipConnection'] =
    ResolversParentTypes['MembershipConnection'],
> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['MembershipEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MembershipEdgeResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['MembershipEdge'] =
    ResolversParentTypes['MembershipEdge'],
> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Membership'], ParentType, ContextType>;
}>;

export type MutationResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = ResolversObject<{
  acceptInvite?: Resolver<
    ResolversTypes['Membership'],
    ParentType,
    ContextType,
    RequireFields<MutationAcceptInviteArgs, 'token'>
  >;
  addDomain?: Resolver<
    ResolversTypes['Domain'],
    ParentType,
    ContextType,
    RequireFields<MutationAddDomainArgs, 'input'>
  >;
  approveJoinRequest?: Resolver<
    ResolversTypes['Membership'],
    ParentType,
    ContextType,
    RequireFields<MutationApproveJoinRequestArgs, 'id'>
  >;
  createOrganization?: Resolver<
    ResolversTypes['Organization'],
    ParentType,
    ContextType,
    RequireFields<MutationCreateOrganizationArgs, 'input'>
  >;
  deleteOAuthConfig?: Resolver<
    ResolversTypes['Boolean'],
    ParentType,
    ContextType,
    RequireFields<MutationDeleteOAuthConfigArgs, 'id'>
  >;
  denyJoinRequest?: Resolver<
    ResolversTypes['JoinRequest'],
    ParentType,
    ContextType,
    RequireFields<MutationDenyJoinRequestArgs, 'id'>
  >;
  inviteMember?: Resolver<
    ResolversTypes['Invite'],
    ParentType,
    ContextType,
    RequireFields<MutationInviteMemberArgs, 'input'>
  >;
  leaveOrganization?: Resolver<
    ResolversTypes['Boolean'],
    ParentType,
    ContextType,
    RequireFields<MutationLeaveOrganizationArgs, 'organizationId'>
  >;
  removeDomain?: Resolver<
    ResolversTypes['Boolean'],
    ParentType,
    ContextType,
    RequireFields<MutationRemoveDomainArgs, 'id'>
  >;
  removeMember?: Resolver<
    ResolversTypes['Boolean'],
    ParentType,
    ContextType,
    RequireFields<MutationRemoveMemberArgs, 'input'>
  >;
  requestToJoin?: Resolver<
    ResolversTypes['JoinRequest'],
    ParentType,
    ContextType,
    RequireFields<MutationRequestToJoinArgs, 'organizationId'>
  >;
  resendInvite?: Resolver<
    ResolversTypes['Invite'],
    ParentType,
    ContextType,
    RequireFields<MutationResendInviteArgs, 'id'>
  >;
  revokeInvite?: Resolver<
    ResolversTypes['Invite'],
    ParentType,
    ContextType,
    RequireFields<MutationRevokeInviteArgs, 'id'>
  >;
  saveOAuthConfig?: Resolver<
    ResolversTypes['OAuthConfig'],
    ParentType,
    ContextType,
    RequireFields<MutationSaveOAuthConfigArgs, 'input'>
  >;
  setDomainEnrollment?: Resolver<
    ResolversTypes['Domain'],
    ParentType,
    ContextType,
    RequireFields<MutationSetDomainEnrollmentArgs, 'input'>
  >;
  setMemberRole?: Resolver<
    ResolversTypes['Membership'],
    ParentType,
    ContextType,
    RequireFields<MutationSetMemberRoleArgs, 'input'>
  >;
  updateOrganization?: Resolver<
    ResolversTypes['Organization'],
    ParentType,
    ContextType,
    RequireFields<MutationUpdateOrganizationArgs, 'input'>
  >;
  verifyDomain?: Resolver<
    ResolversTypes['Domain'],
    ParentType,
    ContextType,
    RequireFields<MutationVerifyDomainArgs, 'id'>
  >;
}>;

export type OAuthConfigResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['OAuthConfig'] = ResolversParentTypes['OAuthConfig'],
> = ResolversObject<{
  autoProvision?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  defaultRole?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  domains?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  hasClientSecret?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  redirectUris?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['OAuthConfigType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type OAuthConfigConnectionResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['OAuthConfigConnection'] =
    ResolversParentTypes['OAuthConfigConnection'],
> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['OAuthConfigEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OAuthConfigEdgeResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['OAuthConfigEdge'] =
    ResolversParentTypes['OAuthConfigEdge'],
> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['OAuthConfig'], ParentType, ContextType>;
}>;

export type OrganizationResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'],
  FederationReferenceType extends FederationReferenceTypes['Organization'] =
    FederationReferenceTypes['Organization'],
> = ResolversObject<{
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Organization']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  auditLog?: Resolver<
    ResolversTypes['AuditEventConnection'],
    ParentType,
    ContextType,
    RequireFields<OrganizationAuditLogArgs, 'first'>
  >;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  domains?: Resolver<
    ResolversTypes['DomainConnection'],
    ParentType,
    ContextType,
    RequireFields<OrganizationDomainsArgs, 'first'>
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invites?: Resolver<
    ResolversTypes['InviteConnection'],
    ParentType,
    ContextType,
    RequireFields<OrganizationInvitesArgs, 'first'>
  >;
  joinRequests?: Resolver<
    ResolversTypes['JoinRequestConnection'],
    ParentType,
    ContextType,
    RequireFields<OrganizationJoinRequestsArgs, 'first'>
  >;
  members?: Resolver<
    ResolversTypes['MembershipConnection'],
    ParentType,
    ContextType,
    RequireFields<OrganizationMembersArgs, 'first'>
  >;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oauthConfigs?: Resolver<
    ResolversTypes['OAuthConfigConnection'],
    ParentType,
    ContextType,
    RequireFields<OrganizationOauthConfigsArgs, 'first'>
  >;
  settings?: Resolver<ResolversTypes['OrganizationSettings'], ParentType, ContextType>;
  viewerRole?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
}>;

export type OrganizationSettingsResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['OrganizationSettings'] =
    ResolversParentTypes['OrganizationSettings'],
> = ResolversObject<{
  defaultRole?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  joinRequestsEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = ResolversObject<{
  auditLog?: Resolver<
    ResolversTypes['AuditEventConnection'],
    ParentType,
    ContextType,
    RequireFields<QueryAuditLogArgs, 'first' | 'organizationId'>
  >;
  discoverOrganizations?: Resolver<Array<ResolversTypes['Organization']>, ParentType, ContextType>;
  organization?: Resolver<
    Maybe<ResolversTypes['Organization']>,
    ParentType,
    ContextType,
    RequireFields<QueryOrganizationArgs, 'id'>
  >;
}>;

export type UserResolvers<
  ContextType = OrganizationContext,
  ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'],
  FederationReferenceType extends FederationReferenceTypes['User'] =
    FederationReferenceTypes['User'],
> = ResolversObject<{
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['User']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberships?: Resolver<Maybe<Array<ResolversTypes['Membership']>>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = OrganizationContext> = ResolversObject<{
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DnsRecord?: DnsRecordResolvers<ContextType>;
  Domain?: DomainResolvers<ContextType>;
  DomainConnection?: DomainConnectionResolvers<ContextType>;
  DomainEdge?: DomainEdgeResolvers<ContextType>;
  Invite?: InviteResolvers<ContextType>;
  InviteConnection?: InviteConnectionResolvers<ContextType>;
  InviteEdge?: InviteEdgeResolvers<ContextType>;
  JoinRequest?: JoinRequestResolvers<ContextType>;
  JoinRequestConnection?: JoinRequestConnectionResolvers<ContextType>;
  JoinRequestEdge?: JoinRequestEdgeResolvers<ContextType>;
  Membership?: MembershipResolvers<ContextType>;
  MembershipConnection?: MembershipConnectionResolvers<ContextType>;
  MembershipEdge?: MembershipEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OAuthConfig?: OAuthConfigResolvers<ContextType>;
  OAuthConfigConnection?: OAuthConfigConnectionResolvers<ContextType>;
  OAuthConfigEdge?: OAuthConfigEdgeResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  OrganizationSettings?: OrganizationSettingsResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;
