import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEnrollment } from '../../generated/prisma/client.js';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';
import { deleteExpiredIdempotencyKeys } from '../../subgraphs/organization/idempotency/idempotent-create.js';
import {
  firstError,
  organizationHelpers,
  uniqueAddress,
  uniqueDomain,
  type Person,
} from './helpers.js';

const REQUEST_FIELDS = 'id email status decidedAt organization { id name } user { id }';

describe.each(testDatabaseKinds)('join requests (%s)', (databaseKind) => {
  let system: TestSystem;
  const { gql, person, organization, addDomain, auditActions, roleOf } = organizationHelpers(
    () => system,
  );

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
  });

  afterAll(() => system?.stop());

  const requestToJoin = (actor: Person, organizationId: string, idempotencyKey?: string) =>
    gql(
      actor,
      `mutation ($id: ID!, $key: String) {
        requestToJoin(organizationId: $id, idempotencyKey: $key) { ${REQUEST_FIELDS} }
      }`,
      { id: organizationId, key: idempotencyKey },
    );
  const approve = (actor: Person, id: string, idempotencyKey?: string) =>
    gql(
      actor,
      `mutation ($id: ID!, $key: String) {
        approveJoinRequest(id: $id, idempotencyKey: $key) { id role user { id } }
      }`,
      { id, key: idempotencyKey },
    );
  const deny = (actor: Person, id: string) =>
    gql(actor, 'mutation ($id: ID!) { denyJoinRequest(id: $id) { status decidedAt } }', { id });
  const discover = async (actor: Person) => {
    const response = await gql(actor, '{ discoverOrganizations { id name } }');
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.discoverOrganizations;
  };

  /** An organization with a verified domain, and a person with a verified address there. */
  async function openOrganization(enrollment: DomainEnrollment = 'REQUEST', name = 'Globex') {
    const org = await organization(name);
    const domain = uniqueDomain();
    await addDomain(org.id, domain, enrollment);
    const requester = await person({ email: uniqueAddress(domain) });
    return { ...org, domain, requester };
  }

  async function pendingRequest(enrollment: DomainEnrollment = 'REQUEST') {
    const org = await openOrganization(enrollment);
    const response = await requestToJoin(org.requester, org.id);
    const id = (response.body.data?.requestToJoin as { id: string } | undefined)?.id;
    if (!id) throw new Error(`requestToJoin failed: ${JSON.stringify(response.body)}`);
    return { ...org, requestId: id };
  }

  it('files a pending request the requester can read, and an ADMIN approves it', async () => {
    const org = await openOrganization('REQUEST', 'Globex');

    const requested = await requestToJoin(org.requester, org.id);
    const request = requested.body.data?.requestToJoin as { id: string };
    expect(requested.body).toEqual({
      data: {
        requestToJoin: {
          id: request.id,
          email: org.requester.email,
          status: 'PENDING',
          decidedAt: null,
          organization: { id: org.id, name: 'Globex' },
          user: { id: org.requester.id },
        },
      },
    });
    expect(await roleOf(org.id, org.requester.id)).toBeNull();

    const listed = await gql(
      org.admin,
      'query ($id: ID!) { organization(id: $id) { joinRequests { totalCount edges { node { id status user { id } } } } } }',
      { id: org.id },
    );
    expect(listed.body.data?.organization).toEqual({
      joinRequests: {
        totalCount: 1,
        edges: [{ node: { id: request.id, status: 'PENDING', user: { id: org.requester.id } } }],
      },
    });

    expect((await approve(org.admin, request.id)).body).toMatchObject({
      data: { approveJoinRequest: { role: 'MEMBER', user: { id: org.requester.id } } },
    });
    expect(await roleOf(org.id, org.requester.id)).toBe('MEMBER');
    expect(
      await system.db.joinRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: 'APPROVED', decidedByUserId: org.admin.id });

    expect(firstError(await approve(org.admin, request.id))).toEqual({
      code: 'CONFLICT',
      message: 'Only a pending join request can be decided; this one is approved.',
    });
    expect(await auditActions(org.id)).toEqual(['organization.created', 'join_request.approved']);
  });

  it('denies a request, leaving the requester outside, who may then ask again', async () => {
    const org = await pendingRequest();

    const denied = await deny(org.admin, org.requestId);
    expect(denied.body.data?.denyJoinRequest).toMatchObject({ status: 'DENIED' });
    expect(errorCodes(await approve(org.admin, org.requestId))).toEqual(['CONFLICT']);
    expect(await roleOf(org.id, org.requester.id)).toBeNull();
    expect(await auditActions(org.id)).toEqual(['organization.created', 'join_request.denied']);

    const again = await requestToJoin(org.requester, org.id);
    expect(again.body.data?.requestToJoin).toMatchObject({ status: 'PENDING' });
  });

  it('refuses a second pending request from the same person with CONFLICT', async () => {
    const org = await pendingRequest();
    expect(firstError(await requestToJoin(org.requester, org.id))).toEqual({
      code: 'CONFLICT',
      message: 'You have already asked to join this organization; an administrator will decide.',
    });
  });

  it('joins at once through an AUTO domain, answering with an APPROVED request', async () => {
    const org = await openOrganization('AUTO', 'Umbrella');

    const response = await requestToJoin(org.requester, org.id);
    expect(response.body.data?.requestToJoin).toMatchObject({
      status: 'APPROVED',
      organization: { id: org.id, name: 'Umbrella' },
    });
    expect(await roleOf(org.id, org.requester.id)).toBe('MEMBER');
    const stored = await system.db.joinRequest.findFirstOrThrow({
      where: { organizationId: org.id },
    });
    expect(stored).toMatchObject({ status: 'APPROVED', decidedByUserId: null });

    expect(firstError(await requestToJoin(org.requester, org.id))).toEqual({
      code: 'ALREADY_A_MEMBER',
      message: 'You already belong to this organization.',
    });
  });

  it('refuses anyone not eligible with FORBIDDEN, an unknown organization alike', async () => {
    const org = await openOrganization('REQUEST');

    const unverified = await person({ email: uniqueAddress(org.domain), emailVerified: false });
    expect(firstError(await requestToJoin(unverified, org.id))).toEqual({
      code: 'FORBIDDEN',
      message:
        'Verify your email address, then refresh your session to ask to join an organization.',
    });

    const elsewhere = await person();
    expect(firstError(await requestToJoin(elsewhere, org.id))).toEqual({
      code: 'FORBIDDEN',
      message: 'The organization does not take requests to join from example.com addresses.',
    });

    for (const [enrollment, status] of [
      ['REQUEST', 'PENDING'],
      ['INVITE_ONLY', 'VERIFIED'],
    ] as const) {
      const closed = await organization();
      const domain = uniqueDomain();
      await addDomain(closed.id, domain, enrollment, status);
      const outsider = await person({ email: uniqueAddress(domain) });
      expect(errorCodes(await requestToJoin(outsider, closed.id)), enrollment).toEqual([
        'FORBIDDEN',
      ]);
    }

    await system.db.organization.update({
      where: { id: org.id },
      data: { joinRequestsEnabled: false },
    });
    expect(firstError(await requestToJoin(org.requester, org.id))).toEqual({
      code: 'FORBIDDEN',
      message: 'The organization does not take requests to join.',
    });

    // An id that names nothing answers exactly as an organization that takes no requests.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(firstError(await requestToJoin(elsewhere, id)), id).toEqual(
        firstError(await requestToJoin(elsewhere, org.id)),
      );
    }
    expect(await system.db.joinRequest.count({ where: { userId: org.requester.id } })).toBe(0);
  });

  it('joins through an AUTO domain with the default role, and audits it', async () => {
    const org = await openOrganization('AUTO', 'Initech');
    const setDefault = (actor: Person, defaultRole: string) =>
      gql(
        actor,
        `mutation ($input: UpdateOrganizationInput!) {
          updateOrganization(input: $input) { settings { joinRequestsEnabled defaultRole } }
        }`,
        { input: { organizationId: org.id, settings: { defaultRole } } },
      );
    expect(firstError(await setDefault(org.admin, 'ADMIN'))).toEqual({
      code: 'FORBIDDEN',
      message: 'Only an OWNER may make ADMIN the default role.',
    });
    expect(firstError(await setDefault(org.owner, 'OWNER')).code).toBe('BAD_USER_INPUT');
    expect(firstError(await setDefault(org.member, 'MEMBER')).code).toBe('FORBIDDEN');
    expect((await setDefault(org.owner, 'ADMIN')).body.data).toEqual({
      updateOrganization: { settings: { joinRequestsEnabled: true, defaultRole: 'ADMIN' } },
    });

    const response = await requestToJoin(org.requester, org.id);
    expect(response.body.data?.requestToJoin).toMatchObject({ status: 'APPROVED' });
    expect(await roleOf(org.id, org.requester.id)).toBe('ADMIN');
    const audit = await system.db.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'join_request.auto_approved' },
    });
    const requestId = (response.body.data?.requestToJoin as { id: string }).id;
    expect(audit).toMatchObject({
      actorUserId: org.requester.id,
      targetType: 'JoinRequest',
      targetId: requestId,
      details: { email: org.requester.email, domain: org.domain, role: 'ADMIN' },
    });
    expect(await auditActions(org.id)).toEqual([
      'organization.created',
      'organization.updated',
      'join_request.auto_approved',
    ]);
  });

  it('answers a retried request and approval from their idempotency keys', async () => {
    const org = await openOrganization('REQUEST');

    const first = await requestToJoin(org.requester, org.id, 'join-1');
    const retry = await requestToJoin(org.requester, org.id, 'join-1');
    expect(first.body.errors).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(await system.db.joinRequest.count({ where: { userId: org.requester.id } })).toBe(1);
    const otherOrg = await openOrganization('REQUEST');
    expect(firstError(await requestToJoin(org.requester, otherOrg.id, 'join-1'))).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        'The idempotency key was already used for requestToJoin with other input; send a new ' +
        'key for a new request.',
    });

    const requestId = (first.body.data?.requestToJoin as { id: string }).id;
    const approved = await approve(org.admin, requestId, 'approve-1');
    const again = await approve(org.admin, requestId, 'approve-1');
    expect(approved.body.errors).toBeUndefined();
    expect(again.body).toEqual(approved.body);
    // Without the key a second approval is a conflict, as before.
    expect(firstError(await approve(org.admin, requestId)).code).toBe('CONFLICT');
    expect(await auditActions(org.id)).toEqual(['organization.created', 'join_request.approved']);
  });

  it('expires an idempotency key after a day, and the sweep drops it', async () => {
    const org = await openOrganization('REQUEST');
    const first = await requestToJoin(org.requester, org.id, 'join-expiring');
    const requestId = (first.body.data?.requestToJoin as { id: string }).id;
    const key = { userId: org.requester.id, operation: 'requestToJoin', key: 'join-expiring' };
    const stored = await system.db.idempotencyKey.findUniqueOrThrow({
      where: { userId_operation_key: key },
    });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3_600_000);

    // Moved a day into the past, the key no longer answers: the request runs again.
    await system.db.idempotencyKey.update({
      where: { userId_operation_key: key },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    expect(firstError(await requestToJoin(org.requester, org.id, 'join-expiring')).code).toBe(
      'CONFLICT',
    );
    await deny(org.admin, requestId);
    const renewed = await requestToJoin(org.requester, org.id, 'join-expiring');
    expect(renewed.body.data?.requestToJoin).toMatchObject({ status: 'PENDING' });
    expect((renewed.body.data?.requestToJoin as { id: string }).id).not.toBe(requestId);

    await system.db.idempotencyKey.update({
      where: { userId_operation_key: key },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const dropped = await deleteExpiredIdempotencyKeys(system.db);
    expect(dropped).toBeGreaterThanOrEqual(1);
    expect(
      await system.db.idempotencyKey.findUnique({ where: { userId_operation_key: key } }),
    ).toBeNull();
  });

  it('lets no ADMIN of another organization list, approve or deny its requests', async () => {
    const org = await pendingRequest();
    const other = await organization('Other');
    for (const outsider of [other.admin, other.owner]) {
      expect(errorCodes(await approve(outsider, org.requestId))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await deny(outsider, org.requestId))).toEqual(['NOT_FOUND']);
      const listed = await gql(
        outsider,
        'query ($id: ID!) { organization(id: $id) { joinRequests { totalCount } } }',
        { id: org.id },
      );
      expect(listed.body).toEqual({ data: { organization: null } });
    }
    expect(
      await system.db.joinRequest.findUniqueOrThrow({ where: { id: org.requestId } }),
    ).toMatchObject({ status: 'PENDING' });
  });

  it('refuses a member with ALREADY_A_MEMBER', async () => {
    const org = await openOrganization('REQUEST');
    await system.db.membership.create({
      data: { organizationId: org.id, userId: org.requester.id, role: 'MEMBER' },
    });
    expect(errorCodes(await requestToJoin(org.requester, org.id))).toEqual(['ALREADY_A_MEMBER']);
  });

  it('lets only ADMINs of the organization decide', async () => {
    const org = await pendingRequest();
    expect(firstError(await approve(org.member, org.requestId))).toEqual({
      code: 'FORBIDDEN',
      message: 'This needs the ADMIN role in the organization.',
    });
    expect(errorCodes(await deny(org.member, org.requestId))).toEqual(['FORBIDDEN']);
    const outsider = await person();
    expect(errorCodes(await approve(outsider, org.requestId))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await approve(org.requester, org.requestId))).toEqual(['NOT_FOUND']);
    expect(await roleOf(org.id, org.requester.id)).toBeNull();
  });

  it('discovers exactly the organizations the viewer may ask to join', async () => {
    const domain = uniqueDomain();
    const viewer = await person({ email: uniqueAddress(domain) });
    const make = async (name: string, enrollment: DomainEnrollment, status = 'VERIFIED') => {
      const org = await organization(name);
      await addDomain(org.id, domain, enrollment, status as 'VERIFIED' | 'PENDING');
      return org;
    };

    const requesting = await make('A requesting', 'REQUEST');
    const automatic = await make('B automatic', 'AUTO');
    await make('C invite only', 'INVITE_ONLY');
    await make('D unverified', 'REQUEST', 'PENDING');
    const joined = await make('E joined', 'AUTO');
    await system.db.membership.create({
      data: { organizationId: joined.id, userId: viewer.id, role: 'MEMBER' },
    });
    const disabled = await make('F disabled', 'REQUEST');
    await system.db.organization.update({
      where: { id: disabled.id },
      data: { joinRequestsEnabled: false },
    });
    const otherDomain = await organization('G other domain');
    await addDomain(otherDomain.id, uniqueDomain(), 'AUTO');

    expect(await discover(viewer)).toEqual([
      { id: requesting.id, name: 'A requesting' },
      { id: automatic.id, name: 'B automatic' },
    ]);

    const unverified = await person({ email: uniqueAddress(domain), emailVerified: false });
    expect(await discover(unverified)).toEqual([]);
  });
});
