import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../../platform/graphql/connection.js';
import { testDatabaseKinds } from '../support/databases.js';
import { startSystem, type TestSystem } from '../support/system.js';
import { firstError, organizationHelpers, type TestOrganization } from './helpers.js';

interface Page {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly edges: readonly { readonly cursor: string; readonly node: { readonly id: string } }[];
}

const MEMBERS_PAGE = `query ($id: ID!, $first: Int, $after: String) {
  organization(id: $id) {
    members(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
    }
  }
}`;

const AUDIT_PAGE = `query ($id: ID!, $first: Int, $after: String) {
  auditLog(organizationId: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
  }
}`;

const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe.each(testDatabaseKinds)('paginated connections (%s)', (databaseKind) => {
  let system: TestSystem;
  let organization: TestOrganization;
  /** Every membership id of the organization, in the order the connection promises. */
  let memberIds: string[];
  const helpers = organizationHelpers(() => system);

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    organization = await helpers.organization('Paged');
    const extra = await Promise.all(Array.from({ length: 4 }, () => system.createUser()));
    await system.db.membership.createMany({
      data: extra.map((user) => ({
        organizationId: organization.id,
        userId: user.id,
        role: 'MEMBER' as const,
      })),
    });
    const rows = await system.db.membership.findMany({
      where: { organizationId: organization.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    memberIds = rows.map((row) => row.id);
  });

  afterAll(() => system?.stop());

  async function membersPage(variables: { first?: number; after?: string | null }) {
    const response = await helpers.gql(organization.member, MEMBERS_PAGE, {
      id: organization.id,
      ...variables,
    });
    return response;
  }

  const pageOf = (response: Awaited<ReturnType<typeof membersPage>>) =>
    (response.body.data?.organization as { members: Page }).members;

  it('walks every member exactly once with first/after, in creation order', async () => {
    expect(memberIds).toHaveLength(7);
    const seen: string[] = [];
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const response = await membersPage({ first: 3, after });
      expect(response.body.errors).toBeUndefined();
      const page = pageOf(response);
      pages.push(page);
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);

    expect(seen).toEqual(memberIds);
    expect(pages.map((page) => page.edges.length)).toEqual([3, 3, 1]);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((page) => page.totalCount)).toEqual([7, 7, 7]);
    for (const page of pages) {
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
    }
  });

  it('answers an exactly full last page with hasNextPage false', async () => {
    const first = pageOf(await membersPage({ first: 4 }));
    const rest = pageOf(await membersPage({ first: 3, after: first.pageInfo.endCursor }));
    expect(rest.edges.map((edge) => edge.node.id)).toEqual(memberIds.slice(4));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('answers an empty page after the last row with no end cursor', async () => {
    const all = pageOf(await membersPage({ first: MAX_PAGE_SIZE }));
    expect(all.edges).toHaveLength(7);
    const after = pageOf(await membersPage({ first: 5, after: all.pageInfo.endCursor }));
    expect(after).toEqual({
      totalCount: 7,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it.each([MAX_PAGE_SIZE + 1, 0, -1])('refuses first: %d with BAD_USER_INPUT', async (first) => {
    const response = await membersPage({ first });
    expect(firstError(response)).toEqual({
      code: 'BAD_USER_INPUT',
      message: `first must be between 1 and ${MAX_PAGE_SIZE}.`,
    });
    expect(response.body.errors?.[0]?.extensions?.field).toBe('first');
  });

  it.each([
    ['an id that is not a UUID', base64url('2020-01-01T00:00:00Z|x')],
    ['a SQL fragment as id', base64url("2020-01-01T00:00:00.000Z|' OR 1=1 --")],
    ['a time that is not ISO', base64url('yesterday|00000000-0000-4000-8000-000000000000')],
    ['garbage', '%%%not-base64%%%'],
    [
      'an extra field',
      base64url('2020-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|x'),
    ],
  ])('refuses a forged cursor (%s) with BAD_USER_INPUT', async (_case, after) => {
    for (const response of [
      await membersPage({ first: 2, after }),
      await helpers.gql(organization.admin, AUDIT_PAGE, { id: organization.id, after }),
    ]) {
      expect(firstError(response)).toEqual({
        code: 'BAD_USER_INPUT',
        message: 'The cursor is not one this server issued.',
      });
      expect(response.body.errors?.[0]?.extensions?.field).toBe('after');
    }
  });

  it('pages the audit log the same way', async () => {
    for (let index = 0; index < 3; index += 1) {
      await helpers.gql(
        organization.owner,
        'mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }',
        { input: { organizationId: organization.id, name: `Paged ${index}` } },
      );
    }
    const first = await helpers.gql(organization.admin, AUDIT_PAGE, {
      id: organization.id,
      first: 2,
    });
    const page = first.body.data?.auditLog as Page;
    expect(page.totalCount).toBe(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await helpers.gql(organization.admin, AUDIT_PAGE, {
      id: organization.id,
      first: 2,
      after: page.pageInfo.endCursor,
    });
    const rest = second.body.data?.auditLog as Page;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const ids = [...page.edges, ...rest.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(4);
  });
});
