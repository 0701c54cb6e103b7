import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MembershipRole } from '../../generated/prisma/client.js';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';

interface Person {
  readonly id: string;
  readonly token: string;
}

describe.each(testDatabaseKinds)('members and roles (%s)', (databaseKind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
  });

  afterAll(() => system?.stop());

  const gql = (person: Person, query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(system.gatewayUrl, { query, variables }, { token: person.token });

  async function person(): Promise<Person> {
    const user = await system.createUser();
    return { id: user.id, token: await system.tokenFor(user.id) };
  }

  /** An organization with one person per role, made through the API and the database. */
  async function organization() {
    const [owner, admin, member, outsider] = await Promise.all([
      person(),
      person(),
      person(),
      person(),
    ]);
    const created = await gql(
      owner,
      'mutation { createOrganization(input: { name: "Acme" }) { id } }',
    );
    const id = (created.body.data?.createOrganization as { id: string }).id;
    await system.db.membership.createMany({
      data: [
        { organizationId: id, userId: admin.id, role: 'ADMIN' },
        { organizationId: id, userId: member.id, role: 'MEMBER' },
      ],
    });
    return { id, owner, admin, member, outsider };
  }

  const setRole = (actor: Person, organizationId: string, userId: string, role: MembershipRole) =>
    gql(actor, `mutation ($input: SetMemberRoleInput!) { setMemberRole(input: $input) { role } }`, {
      input: { organizationId, userId, role },
    });
  const remove = (actor: Person, organizationId: string, userId: string) =>
    gql(actor, `mutation ($input: RemoveMemberInput!) { removeMember(input: $input) }`, {
      input: { organizationId, userId },
    });
  const leave = (actor: Person, organizationId: string) =>
    gql(actor, 'mutation ($id: ID!) { leaveOrganization(organizationId: $id) }', {
      id: organizationId,
    });
  const roleOf = async (organizationId: string, userId: string) =>
    (
      await system.db.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
      })
    )?.role ?? null;

  it('makes the creator OWNER, and a retried create with one key has one effect', async () => {
    const owner = await person();
    const create = () =>
      gql(
        owner,
        'mutation { createOrganization(input: { name: "Once", idempotencyKey: "k-1" }) { id viewerRole } }',
      );
    const [first, second] = [await create(), await create()];
    expect(first.body.data?.createOrganization).toMatchObject({ viewerRole: 'OWNER' });
    expect(second.body.data?.createOrganization).toEqual(first.body.data?.createOrganization);
    expect(await system.db.membership.count({ where: { userId: owner.id } })).toBe(1);
  });

  it('lets a MEMBER see the organization and its members, and nothing an ADMIN manages', async () => {
    const org = await organization();
    const seen = await gql(
      org.member,
      'query ($id: ID!) { organization(id: $id) { name viewerRole members { totalCount } } }',
      { id: org.id },
    );
    expect(seen.body.data?.organization).toEqual({
      name: 'Acme',
      viewerRole: 'MEMBER',
      members: { totalCount: 3 },
    });

    for (const field of ['invites', 'joinRequests', 'domains', 'oauthConfigs', 'auditLog']) {
      const response = await gql(
        org.member,
        `query ($id: ID!) { organization(id: $id) { ${field} { totalCount } } }`,
        { id: org.id },
      );
      expect(errorCodes(response), field).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await setRole(org.member, org.id, org.member.id, 'ADMIN'))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('lets an ADMIN manage MEMBERs but grant nothing above MEMBER', async () => {
    const org = await organization();
    expect(errorCodes(await setRole(org.admin, org.id, org.member.id, 'ADMIN'))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await setRole(org.admin, org.id, org.admin.id, 'OWNER'))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await setRole(org.admin, org.id, org.owner.id, 'MEMBER'))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await remove(org.admin, org.id, org.owner.id))).toEqual(['FORBIDDEN']);
    expect(await roleOf(org.id, org.owner.id)).toBe('OWNER');

    expect((await remove(org.admin, org.id, org.member.id)).body.data).toEqual({
      removeMember: true,
    });
    expect(await roleOf(org.id, org.member.id)).toBeNull();
  });

  it('lets an OWNER promote to ADMIN and OWNER', async () => {
    const org = await organization();
    expect((await setRole(org.owner, org.id, org.member.id, 'ADMIN')).body.data).toEqual({
      setMemberRole: { role: 'ADMIN' },
    });
    expect((await setRole(org.owner, org.id, org.admin.id, 'OWNER')).body.data).toEqual({
      setMemberRole: { role: 'OWNER' },
    });
  });

  it('never leaves an organization without an owner', async () => {
    const org = await organization();
    for (const response of [
      await leave(org.owner, org.id),
      await setRole(org.owner, org.id, org.owner.id, 'ADMIN'),
      await remove(org.owner, org.id, org.owner.id),
    ]) {
      expect(errorCodes(response)).toEqual(['CONFLICT']);
      expect(response.body.errors?.[0]?.message).toContain('last owner');
    }

    await setRole(org.owner, org.id, org.admin.id, 'OWNER');
    expect((await leave(org.owner, org.id)).body.data).toEqual({ leaveOrganization: true });
    expect(await roleOf(org.id, org.admin.id)).toBe('OWNER');
  });

  it('keeps two owners who demote each other at once from leaving none', async () => {
    const org = await organization();
    await setRole(org.owner, org.id, org.admin.id, 'OWNER');
    const outcomes = await Promise.all([
      setRole(org.owner, org.id, org.admin.id, 'MEMBER'),
      setRole(org.admin, org.id, org.owner.id, 'MEMBER'),
    ]);
    const owners = await system.db.membership.count({
      where: { organizationId: org.id, role: 'OWNER' },
    });
    expect(owners).toBe(1);
    // Whichever runs second finds itself no longer an owner, or the other as the last one.
    const results = outcomes.map((outcome) => errorCodes(outcome)[0] ?? 'OK').sort();
    expect(results[1]).toBe('OK');
    expect(['CONFLICT', 'FORBIDDEN']).toContain(results[0]);
  });

  it('ends a removed member’s access on the very next request', async () => {
    const org = await organization();
    const read = () =>
      gql(org.member, 'query ($id: ID!) { organization(id: $id) { id } }', { id: org.id });
    expect((await read()).body.data?.organization).toEqual({ id: org.id });
    await remove(org.owner, org.id, org.member.id);
    expect((await read()).body.data).toEqual({ organization: null });
  });

  it('shows an outsider nothing of another organization by any path', async () => {
    const org = await organization();
    const byQuery = await gql(
      org.outsider,
      'query ($id: ID!) { organization(id: $id) { id name members { totalCount } } }',
      { id: org.id },
    );
    expect(byQuery.body).toEqual({ data: { organization: null } });

    expect(errorCodes(await setRole(org.outsider, org.id, org.member.id, 'MEMBER'))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await remove(org.outsider, org.id, org.member.id))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await leave(org.outsider, org.id))).toEqual(['NOT_FOUND']);

    const nested = await gql(org.outsider, '{ me { memberships { organization { id } } } }');
    expect(nested.body.data).toEqual({ me: { memberships: [] } });

    const entity = await postGraphQL(
      system.subgraphUrls.organization,
      {
        query: `query ($r: [_Any!]!) { _entities(representations: $r) {
          ... on Organization { name members { edges { node { role } } } auditLog { totalCount } }
        } }`,
        variables: { r: [{ __typename: 'Organization', id: org.id }] },
      },
      { token: org.outsider.token },
    );
    expect(JSON.stringify(entity.body.data)).not.toContain('Acme');
    expect(errorCodes(entity)).toContain('FORBIDDEN');
  });

  it('records every admin change in an audit log only admins read', async () => {
    const org = await organization();
    await setRole(org.owner, org.id, org.member.id, 'ADMIN');
    await remove(org.owner, org.id, org.member.id);
    await leave(org.admin, org.id);

    const response = await gql(
      org.owner,
      `query ($id: ID!) { organization(id: $id) { auditLog(first: 50) { totalCount edges { node {
        action targetType targetId clientAddress details actor { id }
      } } } } }`,
      { id: org.id },
    );
    expect(response.body.errors).toBeUndefined();
    const events = (
      response.body.data?.organization as {
        auditLog: {
          edges: {
            node: { action: string; targetId: string; details: string; actor: { id: string } };
          }[];
        };
      }
    ).auditLog.edges.map((edge) => edge.node);
    expect(events.map((event) => event.action)).toEqual([
      'organization.created',
      'member.role_changed',
      'member.removed',
      'member.left',
    ]);
    expect(events[1]).toMatchObject({ targetId: org.member.id, actor: { id: org.owner.id } });
    expect(JSON.parse(events[1]!.details)).toEqual({ from: 'MEMBER', to: 'ADMIN' });
    expect(events[3]).toMatchObject({ actor: { id: org.admin.id } });

    const rootField = await gql(
      org.owner,
      'query ($id: ID!) { auditLog(organizationId: $id, first: 2) { totalCount edges { node { action } } } }',
      { id: org.id },
    );
    expect(rootField.body.data?.auditLog).toEqual({
      totalCount: 4,
      edges: [
        { node: { action: 'organization.created' } },
        { node: { action: 'member.role_changed' } },
      ],
    });
    const byMember = await gql(
      org.member,
      'query ($id: ID!) { auditLog(organizationId: $id) { totalCount } }',
      { id: org.id },
    );
    expect(errorCodes(byMember)).toEqual(['NOT_FOUND']);
    const byOutsider = await gql(
      org.outsider,
      'query ($id: ID!) { auditLog(organizationId: $id) { totalCount } }',
      { id: org.id },
    );
    expect(errorCodes(byOutsider)).toEqual(['NOT_FOUND']);
  });
});
