import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';
import { firstError, organizationHelpers, type Person } from './helpers.js';

const UPDATE = `mutation ($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) { name settings { joinRequestsEnabled defaultRole } }
}`;

const AUDIT = `query ($id: ID!) {
  auditLog(organizationId: $id, first: 100) {
    edges { node { action targetType targetId clientAddress createdAt details actor { id } } }
  }
}`;

interface AuditNode {
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly clientAddress: string;
  readonly createdAt: string;
  readonly details: string;
  readonly actor: { readonly id: string } | null;
}

describe.each(testDatabaseKinds)('audit log (%s)', (databaseKind) => {
  let system: TestSystem;
  const helpers = organizationHelpers(() => system);

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
  });

  afterAll(() => system?.stop());

  async function auditLog(reader: Person, organizationId: string): Promise<AuditNode[]> {
    const response = await helpers.gql(reader, AUDIT, { id: organizationId });
    expect(response.body.errors).toBeUndefined();
    const log = response.body.data?.auditLog as { edges: { node: AuditNode }[] };
    return log.edges.map((edge) => edge.node);
  }

  it('records a rename and a settings change with actor, target, time and address', async () => {
    const organization = await helpers.organization('Before');
    const before = new Date();

    const renamed = await helpers.gql(organization.admin, UPDATE, {
      input: { organizationId: organization.id, name: 'After' },
    });
    const settings = await helpers.gql(organization.owner, UPDATE, {
      input: {
        organizationId: organization.id,
        settings: { joinRequestsEnabled: false, defaultRole: 'ADMIN' },
      },
    });
    const after = new Date();

    expect(renamed.body.data?.updateOrganization).toMatchObject({ name: 'After' });
    expect(settings.body.data?.updateOrganization).toEqual({
      name: 'After',
      settings: { joinRequestsEnabled: false, defaultRole: 'ADMIN' },
    });
    const events = (await auditLog(organization.owner, organization.id)).slice(1);
    expect(
      events.map(({ createdAt: _createdAt, details, ...rest }) => ({
        ...rest,
        details: JSON.parse(details) as unknown,
      })),
    ).toEqual([
      {
        action: 'organization.updated',
        targetType: 'Organization',
        targetId: organization.id,
        actor: { id: organization.admin.id },
        // Through the gateway, the only address proven is the gateway's peer: loopback here.
        clientAddress: '127.0.0.1',
        details: { name: 'After', joinRequestsEnabled: null, defaultRole: null },
      },
      {
        action: 'organization.updated',
        targetType: 'Organization',
        targetId: organization.id,
        actor: { id: organization.owner.id },
        clientAddress: '127.0.0.1',
        details: { name: null, joinRequestsEnabled: false, defaultRole: 'ADMIN' },
      },
    ]);
    for (const event of events) {
      const createdAt = new Date(event.createdAt).getTime();
      expect(createdAt).toBeGreaterThanOrEqual(before.getTime() - 1);
      expect(createdAt).toBeLessThanOrEqual(after.getTime() + 1);
    }
  });

  it('records the address a trusted proxy forwards, and ignores one a client forges', async () => {
    const organization = await helpers.organization();
    const update = (url: string, name: string) =>
      postGraphQL(
        url,
        { query: UPDATE, variables: { input: { organizationId: organization.id, name } } },
        { token: organization.admin.token, headers: { 'x-forwarded-for': '203.0.113.7' } },
      );

    // The gateway trusts no proxy in front of it, so a client's header proves nothing.
    expect((await update(system.gatewayUrl, 'Forged')).body.errors).toBeUndefined();
    // The subgraph trusts loopback (TRUSTED_PROXIES=127.0.0.1), as it trusts the gateway.
    const direct = await update(system.subgraphUrls.organization, 'Proxied');
    expect(direct.body.errors).toBeUndefined();

    const events = await auditLog(organization.owner, organization.id);
    expect(
      events.slice(1).map((event) => [JSON.parse(event.details).name, event.clientAddress]),
    ).toEqual([
      ['Forged', '127.0.0.1'],
      ['Proxied', '203.0.113.7'],
    ]);
  });

  it('refuses the audit log to a current MEMBER with FORBIDDEN on both paths', async () => {
    const organization = await helpers.organization();
    expect(await helpers.roleOf(organization.id, organization.member.id)).toBe('MEMBER');

    const byQuery = await helpers.gql(
      organization.member,
      'query ($id: ID!) { auditLog(organizationId: $id) { totalCount } }',
      { id: organization.id },
    );
    expect(firstError(byQuery)).toEqual({
      code: 'FORBIDDEN',
      message: 'This needs the ADMIN role in the organization.',
    });
    expect(byQuery.body.data ?? null).toBeNull();

    const nested = await helpers.gql(
      organization.member,
      'query ($id: ID!) { organization(id: $id) { name auditLog { totalCount } } }',
      { id: organization.id },
    );
    expect(errorCodes(nested)).toEqual(['FORBIDDEN']);
    expect(nested.body.data?.organization ?? null).toBeNull();
  });

  it('refuses the audit log to an ADMIN of another organization like a missing one', async () => {
    const [organization, other] = await Promise.all([
      helpers.organization(),
      helpers.organization('Other'),
    ]);
    for (const outsider of [other.admin, other.owner]) {
      const byQuery = await helpers.gql(
        outsider,
        'query ($id: ID!) { auditLog(organizationId: $id) { totalCount } }',
        { id: organization.id },
      );
      expect(errorCodes(byQuery)).toEqual(['NOT_FOUND']);
    }
  });
});
