import { allow, and, deny, or } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isAuthenticated } from '../../platform/rules/is-authenticated.js';
import { isSelf } from '../../platform/rules/is-self.js';
import { isJoinRequester } from './rules/is-join-requester.js';
import { isMembershipVisible } from './rules/is-membership-visible.js';
import { isVisibleOrganization } from './rules/is-visible-organization.js';
import {
  domainById,
  inviteById,
  joinRequestById,
  oauthConfigById,
  organizationArgument,
  organizationInInput,
  organizationItself,
  parentOrganization,
} from './rules/locators.js';
import { roleInOrganization } from './rules/role-in-organization.js';

const member = (locate: Parameters<typeof roleInOrganization>[1]) =>
  and(isAuthenticated, roleInOrganization('MEMBER', locate));
const admin = (locate: Parameters<typeof roleInOrganization>[1]) =>
  and(isAuthenticated, roleInOrganization('ADMIN', locate));

/**
 * Who may do what in the organization subgraph; anything not listed is denied. MEMBERs see
 * the organization and its members; ADMINs also manage invitations, join requests, domains
 * and SSO configurations and read the audit log; OWNERs also manage ADMINs and OWNERs (the
 * resolvers apply that finer rule, which depends on the target's role). Rules sit on the
 * types as well as the operations, so nested fields and entity references are guarded alike.
 */
export const organizationPermissions: IRules = {
  Query: {
    organization: isAuthenticated,
    discoverOrganizations: isAuthenticated,
    auditLog: admin(organizationArgument),
    _entities: isAuthenticated,
    _service: deny,
  },
  Mutation: {
    createOrganization: isAuthenticated,
    updateOrganization: admin(organizationInInput),
    setMemberRole: admin(organizationInInput),
    removeMember: admin(organizationInInput),
    leaveOrganization: member(organizationArgument),
    inviteMember: admin(organizationInInput),
    resendInvite: admin(inviteById),
    revokeInvite: admin(inviteById),
    acceptInvite: isAuthenticated,
    requestToJoin: isAuthenticated,
    approveJoinRequest: admin(joinRequestById),
    denyJoinRequest: admin(joinRequestById),
    addDomain: admin(organizationInInput),
    verifyDomain: admin(domainById),
    setDomainEnrollment: admin(domainById),
    removeDomain: admin(domainById),
    saveOAuthConfig: admin(organizationInInput),
    deleteOAuthConfig: admin(oauthConfigById),
  },
  Organization: {
    '*': member(organizationItself),
    id: and(isAuthenticated, isVisibleOrganization),
    name: and(isAuthenticated, isVisibleOrganization),
    invites: admin(organizationItself),
    joinRequests: admin(organizationItself),
    domains: admin(organizationItself),
    oauthConfigs: admin(organizationItself),
    auditLog: admin(organizationItself),
  },
  Membership: { '*': and(isAuthenticated, isMembershipVisible) },
  Invite: { '*': admin(parentOrganization) },
  JoinRequest: { '*': and(isAuthenticated, or(isJoinRequester, admin(parentOrganization))) },
  Domain: { '*': admin(parentOrganization) },
  OAuthConfig: { '*': admin(parentOrganization) },
  AuditEvent: { '*': admin(parentOrganization) },
  // Reachable only through the guarded fields above; they add nothing to hide.
  OrganizationSettings: { '*': allow },
  DnsRecord: { '*': allow },
  PageInfo: { '*': allow },
  MembershipConnection: { '*': allow },
  MembershipEdge: { '*': allow },
  InviteConnection: { '*': allow },
  InviteEdge: { '*': allow },
  JoinRequestConnection: { '*': allow },
  JoinRequestEdge: { '*': allow },
  DomainConnection: { '*': allow },
  DomainEdge: { '*': allow },
  OAuthConfigConnection: { '*': allow },
  OAuthConfigEdge: { '*': allow },
  AuditEventConnection: { '*': allow },
  AuditEventEdge: { '*': allow },
  User: {
    id: isAuthenticated,
    memberships: and(isAuthenticated, isSelf),
  },
};
