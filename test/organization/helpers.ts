import type { DomainEnrollment, DomainStatus } from '../../generated/prisma/client.js';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client.js';
import type { TestSystem } from '../support/system.js';

/** A signed-in user: their id, address and access token. */
export interface Person {
  readonly id: string;
  readonly email: string;
  readonly token: string;
}

/** An organization with one person per role, made through the API and the database. */
export interface TestOrganization {
  readonly id: string;
  readonly owner: Person;
  readonly admin: Person;
  readonly member: Person;
}

let counter = 0;

/** A domain no other test uses, so verified domains never collide. */
export function uniqueDomain(): string {
  counter += 1;
  return `org${Date.now()}-${counter}.example`;
}

/** A fresh address, at `domain` when given. */
export function uniqueAddress(domain = 'example.com'): string {
  counter += 1;
  return `person.${Date.now()}.${counter}@${domain}`;
}

/** One-line helpers for the organization suites, so each case reads as operation and result. */
export function organizationHelpers(system: () => TestSystem) {
  const gql = (
    person: Person,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse> =>
    postGraphQL(system().gatewayUrl, { query, variables }, { token: person.token });

  async function person(options: { email?: string; emailVerified?: boolean } = {}) {
    const user = await system().createUser(options.email ?? uniqueAddress());
    const emailVerified = options.emailVerified ?? true;
    const token = await system().tokenFor(user.id, { email: user.email, emailVerified });
    return { id: user.id, email: user.email, token };
  }

  async function organization(name = 'Acme'): Promise<TestOrganization> {
    const [owner, admin, member] = await Promise.all([person(), person(), person()]);
    const created = await gql(
      owner,
      'mutation ($name: String!) { createOrganization(input: { name: $name }) { id } }',
      {
        name,
      },
    );
    const id = (created.body.data?.createOrganization as { id: string } | undefined)?.id;
    if (!id) throw new Error(`createOrganization failed: ${JSON.stringify(created.body)}`);
    await system().db.membership.createMany({
      data: [
        { organizationId: id, userId: admin.id, role: 'ADMIN' },
        { organizationId: id, userId: member.id, role: 'MEMBER' },
      ],
    });
    return { id, owner, admin, member };
  }

  /** A domain row as domain verification would leave it; verification itself is not tested here. */
  const addDomain = (
    organizationId: string,
    domain: string,
    enrollment: DomainEnrollment,
    status: DomainStatus = 'VERIFIED',
  ) =>
    system().db.domain.create({
      data: {
        organizationId,
        domain,
        enrollment,
        status,
        verificationToken: `token-${domain}`,
        verifiedAt: status === 'VERIFIED' ? new Date() : null,
      },
    });

  /** The audit actions of an organization, oldest first. */
  const auditActions = async (organizationId: string) =>
    (
      await system().db.auditEvent.findMany({
        where: { organizationId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })
    ).map((event) => event.action);

  const roleOf = async (organizationId: string, userId: string) =>
    (
      await system().db.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
      })
    )?.role ?? null;

  return { gql, person, organization, addDomain, auditActions, roleOf };
}

/** The first error's code and message, for one-line assertions. */
export function firstError(response: GraphQLResponse) {
  const error = response.body.errors?.[0];
  return { code: error?.extensions?.code, message: error?.message };
}
