import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';
import {
  organizationHelpers,
  uniqueAddress,
  uniqueDomain,
  type TestOrganization,
} from './helpers.js';

/** Everything of organization A; the people of B try to reach it by every path. */
interface Fixture {
  readonly a: TestOrganization;
  readonly b: TestOrganization;
  readonly inviteId: string;
  readonly domainId: string;
  readonly joinRequestId: string;
}

describe.each(testDatabaseKinds)('isolation between organizations (%s)', (databaseKind) => {
  let system: TestSystem;
  let fixture: Fixture;
  const helpers = organizationHelpers(() => system);

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    const [a, b] = await Promise.all([helpers.organization('Alpha'), helpers.organization('Beta')]);
    const invite = await system.db.invite.create({
      data: {
        organizationId: a.id,
        email: uniqueAddress(),
        role: 'MEMBER',
        tokenHash: `hash-${Date.now()}`,
        invitedByUserId: a.admin.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const domain = await helpers.addDomain(a.id, uniqueDomain(), 'REQUEST');
    const requester = await system.createUser();
    const joinRequest = await system.db.joinRequest.create({
      data: { organizationId: a.id, userId: requester.id, email: requester.email },
    });
    fixture = { a, b, inviteId: invite.id, domainId: domain.id, joinRequestId: joinRequest.id };
  });

  afterAll(() => system?.stop());

  const MUTATIONS: readonly (readonly [string, string, (f: Fixture) => Record<string, unknown>])[] =
    [
      [
        'resendInvite',
        'mutation ($id: ID!) { resendInvite(id: $id) { id } }',
        (f) => ({ id: f.inviteId }),
      ],
      [
        'revokeInvite',
        'mutation ($id: ID!) { revokeInvite(id: $id) { id } }',
        (f) => ({ id: f.inviteId }),
      ],
      [
        'inviteMember',
        'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
        (f) => ({ input: { organizationId: f.a.id, email: uniqueAddress(), role: 'MEMBER' } }),
      ],
      [
        'approveJoinRequest',
        'mutation ($id: ID!) { approveJoinRequest(id: $id) { id } }',
        (f) => ({ id: f.joinRequestId }),
      ],
      [
        'denyJoinRequest',
        'mutation ($id: ID!) { denyJoinRequest(id: $id) { id } }',
        (f) => ({ id: f.joinRequestId }),
      ],
      [
        'verifyDomain',
        'mutation ($id: ID!) { verifyDomain(id: $id) { id } }',
        (f) => ({ id: f.domainId }),
      ],
      [
        'setDomainEnrollment',
        'mutation ($input: SetDomainEnrollmentInput!) { setDomainEnrollment(input: $input) { id } }',
        (f) => ({ input: { id: f.domainId, enrollment: 'AUTO' } }),
      ],
      [
        'removeDomain',
        'mutation ($id: ID!) { removeDomain(id: $id) }',
        (f) => ({ id: f.domainId }),
      ],
      [
        'addDomain',
        'mutation ($input: AddDomainInput!) { addDomain(input: $input) { id } }',
        (f) => ({ input: { organizationId: f.a.id, domain: uniqueDomain() } }),
      ],
      [
        'setMemberRole',
        'mutation ($input: SetMemberRoleInput!) { setMemberRole(input: $input) { id } }',
        (f) => ({ input: { organizationId: f.a.id, userId: f.a.member.id, role: 'ADMIN' } }),
      ],
      [
        'removeMember',
        'mutation ($input: RemoveMemberInput!) { removeMember(input: $input) }',
        (f) => ({ input: { organizationId: f.a.id, userId: f.a.member.id } }),
      ],
      [
        'updateOrganization',
        'mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }',
        (f) => ({ input: { organizationId: f.a.id, name: 'Taken over' } }),
      ],
    ];

  it.each(MUTATIONS.map(([name, query, variables]) => ({ name, query, variables })))(
    'lets no OWNER or ADMIN of another organization $name',
    async ({ query, variables }) => {
      const before = await system.db.auditEvent.count({ where: { organizationId: fixture.a.id } });
      for (const outsider of [fixture.b.owner, fixture.b.admin]) {
        const response = await helpers.gql(outsider, query, variables(fixture));
        expect(errorCodes(response)).toEqual(['NOT_FOUND']);
      }
      expect(await system.db.auditEvent.count({ where: { organizationId: fixture.a.id } })).toBe(
        before,
      );
    },
  );

  it('leaves every record of the organization as it was', async () => {
    const { a } = fixture;
    expect(await system.db.organization.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      name: 'Alpha',
    });
    expect(await helpers.roleOf(a.id, a.member.id)).toBe('MEMBER');
    expect(
      await system.db.invite.findUniqueOrThrow({ where: { id: fixture.inviteId } }),
    ).toMatchObject({
      status: 'PENDING',
    });
    expect(
      await system.db.domain.findUniqueOrThrow({ where: { id: fixture.domainId } }),
    ).toMatchObject({
      enrollment: 'REQUEST',
    });
    expect(
      await system.db.joinRequest.findUniqueOrThrow({ where: { id: fixture.joinRequestId } }),
    ).toMatchObject({ status: 'PENDING' });
  });

  it.each(['members', 'invites', 'joinRequests', 'domains', 'oauthConfigs', 'auditLog'])(
    'shows an ADMIN of another organization no %s by query',
    async (field) => {
      const response = await helpers.gql(
        fixture.b.admin,
        `query ($id: ID!) { organization(id: $id) { ${field} { totalCount } } }`,
        { id: fixture.a.id },
      );
      expect(response.body).toEqual({ data: { organization: null } });
    },
  );

  it.each(['invites', 'domains', 'oauthConfigs', 'auditLog'])(
    'refuses a MEMBER the %s of their own organization through me.memberships',
    async (field) => {
      const response = await helpers.gql(
        fixture.a.member,
        `{ me { memberships { role organization { id ${field} { totalCount } } } } }`,
      );
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(response.body.data)).not.toContain('totalCount');
    },
  );

  it('lets an ADMIN read those nested fields, so the refusal above is the rule at work', async () => {
    const response = await helpers.gql(
      fixture.a.admin,
      '{ me { memberships { organization { invites { totalCount } domains { totalCount } } } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      me: {
        memberships: [{ organization: { invites: { totalCount: 1 }, domains: { totalCount: 1 } } }],
      },
    });
  });

  it("refuses another user's memberships through an entity reference on the subgraph", async () => {
    const entity = (userId: string) =>
      postGraphQL(
        system.subgraphUrls.organization,
        {
          query: `query ($r: [_Any!]!) { _entities(representations: $r) {
            ... on User { id memberships { role organization { id name } } }
          } }`,
          variables: { r: [{ __typename: 'User', id: userId }] },
        },
        { token: fixture.b.owner.token },
      );

    const other = await entity(fixture.a.owner.id);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(other.body.data)).not.toContain('Alpha');
    expect(JSON.stringify(other.body.data)).not.toContain(fixture.a.id);

    const own = await entity(fixture.b.owner.id);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data?._entities).toEqual([
      {
        id: fixture.b.owner.id,
        memberships: [{ role: 'OWNER', organization: { id: fixture.b.id, name: 'Beta' } }],
      },
    ]);
  });

  it("refuses another organization's invites, domains and audit log by entity reference", async () => {
    const response = await postGraphQL(
      system.subgraphUrls.organization,
      {
        query: `query ($r: [_Any!]!) { _entities(representations: $r) {
          ... on Organization { invites { totalCount } domains { totalCount } auditLog { totalCount } }
        } }`,
        variables: { r: [{ __typename: 'Organization', id: fixture.a.id }] },
      },
      { token: fixture.b.admin.token },
    );
    // The first refusal nulls the whole entity, so one error may stand for all three.
    expect(errorCodes(response).length).toBeGreaterThan(0);
    expect(new Set(errorCodes(response))).toEqual(new Set(['NOT_FOUND']));
    expect(JSON.stringify(response.body.data)).not.toContain('totalCount');
  });
});
