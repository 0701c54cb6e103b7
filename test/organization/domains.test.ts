import { createServer, Packet, type DnsServer, type Resource } from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { startSystem, type TestSystem } from '../support/system.js';
import {
  firstError,
  organizationHelpers,
  uniqueDomain,
  type Person,
  type TestOrganization,
} from './helpers.js';

/** A DNS server on loopback that knows only the TXT records a test publishes. */
interface TestDns {
  readonly port: number;
  /** TXT records by owner name; a record may be split into several strings. */
  readonly records: Map<string, string[][]>;
  /** Names answered with SERVFAIL, as a broken authoritative server would. */
  readonly failing: Set<string>;
  close(): Promise<void>;
}

// RFC 1035 §4.1.1 response codes; dns2's typings leave its RCODE table out.
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

async function startTestDns(): Promise<TestDns> {
  const records = new Map<string, string[][]>();
  const failing = new Set<string>();
  const server: DnsServer = createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question?.name.toLowerCase() ?? '';
      if (failing.has(name)) {
        response.header.rcode = RCODE_SERVFAIL;
      } else if (!records.has(name)) {
        response.header.rcode = RCODE_NXDOMAIN;
      }
      for (const data of records.get(name) ?? []) {
        response.answers.push({
          name,
          type: Packet.TYPE.TXT,
          class: Packet.CLASS.IN,
          ttl: 60,
          data,
        } as Resource);
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = addresses.udp?.port;
  if (!port) throw new Error('the test DNS server did not listen');
  return { port, records, failing, close: () => server.close() };
}

const DOMAIN_FIELDS =
  'id domain status enrollment verifiedAt verificationRecord { type name value }';

interface DomainResult {
  id: string;
  domain: string;
  status: string;
  enrollment: string;
  verifiedAt: string | null;
  verificationRecord: { type: string; name: string; value: string };
}

describe.each(testDatabaseKinds)('domains (%s)', (databaseKind) => {
  let system: TestSystem;
  let dns: TestDns;
  const helpers = organizationHelpers(() => system);

  beforeAll(async () => {
    dns = await startTestDns();
    system = await startSystem({ databaseKind, env: { DNS_SERVERS: `127.0.0.1:${dns.port}` } });
  });

  afterAll(async () => {
    await system?.stop();
    await dns?.close();
  });

  const addDomain = (person: Person, organizationId: string, domain: string, key?: string) =>
    helpers.gql(
      person,
      `mutation ($input: AddDomainInput!) { addDomain(input: $input) { ${DOMAIN_FIELDS} } }`,
      { input: { organizationId, domain, idempotencyKey: key } },
    );
  const verifyDomain = (person: Person, id: string) =>
    helpers.gql(person, `mutation ($id: ID!) { verifyDomain(id: $id) { ${DOMAIN_FIELDS} } }`, {
      id,
    });
  const setEnrollment = (person: Person, id: string, enrollment: string) =>
    helpers.gql(
      person,
      `mutation ($input: SetDomainEnrollmentInput!) {
        setDomainEnrollment(input: $input) { ${DOMAIN_FIELDS} }
      }`,
      { input: { id, enrollment } },
    );
  const removeDomain = (person: Person, id: string) =>
    helpers.gql(person, 'mutation ($id: ID!) { removeDomain(id: $id) }', { id });
  const listDomains = (person: Person, organizationId: string) =>
    helpers.gql(
      person,
      `query ($id: ID!) {
        organization(id: $id) { domains { totalCount edges { node { ${DOMAIN_FIELDS} } } } }
      }`,
      { id: organizationId },
    );

  /** Adds a domain as the admin and returns it, failing loudly when that is refused. */
  async function added(organization: TestOrganization, domain = uniqueDomain()) {
    const response = await addDomain(organization.admin, organization.id, domain);
    const result = response.body.data?.addDomain as DomainResult | undefined;
    if (!result) throw new Error(`addDomain failed: ${JSON.stringify(response.body)}`);
    return result;
  }

  /** Publishes the record a domain asks for, as its owner would at their DNS provider. */
  const publish = (domain: DomainResult) =>
    dns.records.set(domain.verificationRecord.name, [[domain.verificationRecord.value]]);

  async function verified(organization: TestOrganization, domain = uniqueDomain()) {
    const pending = await added(organization, domain);
    publish(pending);
    const response = await verifyDomain(organization.admin, pending.id);
    const result = response.body.data?.verifyDomain as DomainResult | undefined;
    if (!result) throw new Error(`verifyDomain failed: ${JSON.stringify(response.body)}`);
    return result;
  }

  it('adds a normalised domain as pending, with a TXT record holding a fresh token', async () => {
    const organization = await helpers.organization();
    const domain = uniqueDomain();

    const response = await addDomain(
      organization.admin,
      organization.id,
      ` ${domain.toUpperCase()}. `,
    );

    const result = response.body.data?.addDomain as DomainResult;
    expect(response.body.errors).toBeUndefined();
    expect(result).toMatchObject({
      domain,
      status: 'PENDING',
      enrollment: 'INVITE_ONLY',
      verifiedAt: null,
    });
    expect(result.verificationRecord.type).toBe('TXT');
    expect(result.verificationRecord.name).toBe(`_federated-identity-challenge.${domain}`);
    // 43 base64url characters carry 256 bits.
    expect(result.verificationRecord.value).toMatch(
      /^federated-identity-verification=[A-Za-z0-9_-]{43}$/,
    );
    const other = await added(organization);
    expect(other.verificationRecord.value).not.toBe(result.verificationRecord.value);
    expect(await helpers.auditActions(organization.id)).toContain('domain.added');
  });

  it('verifies a domain whose TXT record is published, even split into strings', async () => {
    const organization = await helpers.organization();
    const pending = await added(organization);
    const { name, value } = pending.verificationRecord;
    dns.records.set(name, [['v=spf1 -all'], [value.slice(0, 20), value.slice(20)]]);

    const response = await verifyDomain(organization.admin, pending.id);

    expect(response.body.errors).toBeUndefined();
    const result = response.body.data?.verifyDomain as DomainResult;
    expect(result.status).toBe('VERIFIED');
    expect(Date.parse(result.verifiedAt ?? '')).not.toBeNaN();
    const events = await system.db.auditEvent.findMany({
      where: { organizationId: organization.id, action: 'domain.verified' },
    });
    expect(events.map((event) => [event.targetId, event.details])).toEqual([
      [pending.id, { domain: pending.domain }],
    ]);
  });

  it('leaves the domain pending when the record is missing or holds another value', async () => {
    const organization = await helpers.organization();
    const missing = await added(organization);
    const wrong = await added(organization);
    dns.records.set(wrong.verificationRecord.name, [['federated-identity-verification=guess']]);

    for (const domain of [missing, wrong]) {
      const response = await verifyDomain(organization.admin, domain.id);
      expect(firstError(response)).toEqual({
        code: 'BAD_USER_INPUT',
        message:
          `The TXT record ${domain.verificationRecord.name} was not found with the value of ` +
          'verificationRecord; publish it and try again (DNS changes can take a while to reach ' +
          'every server).',
      });
    }
    const list = await listDomains(organization.admin, organization.id);
    const organizationData = list.body.data?.organization as {
      domains: { totalCount: number; edges: { node: DomainResult }[] };
    };
    expect(organizationData.domains.totalCount).toBe(2);
    expect(organizationData.domains.edges.map((edge) => edge.node.status)).toEqual([
      'PENDING',
      'PENDING',
    ]);
  });

  it('reports a failing DNS server as an upstream error that names no server', async () => {
    const organization = await helpers.organization();
    const pending = await added(organization);
    dns.failing.add(pending.verificationRecord.name);

    const response = await verifyDomain(organization.admin, pending.id);

    expect(firstError(response)).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'The DNS lookup failed; try verifying again later.',
    });
    expect(JSON.stringify(response.body)).not.toContain(String(dns.port));
    const row = await system.db.domain.findUnique({ where: { id: pending.id } });
    expect(row?.status).toBe('PENDING');
  });

  it.each([
    'gmail.com',
    'GoogleMail.com',
    'outlook.com',
    'hotmail.com',
    'proton.me',
    'gmx.de',
    'gmx.co.uk',
    'yandex.ru',
    'mail.ru',
    'qq.com',
    '163.com',
    'mx.icloud.com',
  ])('refuses the public mail domain %s', async (domain) => {
    const organization = await helpers.organization();

    const response = await addDomain(organization.admin, organization.id, domain);

    expect(firstError(response).code).toBe('BAD_USER_INPUT');
    expect(firstError(response).message).toBe(
      `"${domain.toLowerCase()}" is a public mail domain where anyone can get an address; add ` +
        'a domain your organization owns.',
    );
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.domain');
  });

  it.each(['localhost', 'example', '10.0.0.1', 'exa mple.com', '-bad.example', 'a..example', ''])(
    'refuses %j as no domain name',
    async (domain) => {
      const organization = await helpers.organization();

      const response = await addDomain(organization.admin, organization.id, domain);

      expect(firstError(response).code).toBe('BAD_USER_INPUT');
      expect(firstError(response).message).toMatch(/is not a domain name such as example\.com\.$/);
    },
  );

  it('refuses the same domain twice in one organization', async () => {
    const organization = await helpers.organization();
    const first = await added(organization);

    const again = await addDomain(organization.owner, organization.id, first.domain);

    expect(firstError(again)).toEqual({
      code: 'CONFLICT',
      message: `The domain "${first.domain}" was already added to this organization.`,
    });
  });

  it('returns the first result when an add is repeated with its idempotency key', async () => {
    const organization = await helpers.organization();
    const domain = uniqueDomain();

    const first = await addDomain(organization.admin, organization.id, domain, 'add-1');
    const retry = await addDomain(organization.admin, organization.id, domain, 'add-1');

    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data?.addDomain).toEqual(first.body.data?.addDomain);
  });

  it('refuses a domain another organization verified, when added or when verified', async () => {
    const [winner, late, racing] = await Promise.all([
      helpers.organization('Winner'),
      helpers.organization('Late'),
      helpers.organization('Racing'),
    ]);
    const domain = uniqueDomain();
    const racingPending = await added(racing, domain);
    await verified(winner, domain);

    const addedLate = await addDomain(late.admin, late.id, domain);
    expect(firstError(addedLate)).toEqual({
      code: 'CONFLICT',
      message: `The domain "${domain}" is already verified by another organization.`,
    });

    publish(racingPending);
    const verifiedLate = await verifyDomain(racing.admin, racingPending.id);
    expect(firstError(verifiedLate)).toEqual({
      code: 'CONFLICT',
      message: `The domain "${domain}" was verified by another organization in the meantime.`,
    });
  });

  it('allows REQUEST and AUTO enrollment only for verified domains', async () => {
    const organization = await helpers.organization();
    const pending = await added(organization);

    for (const enrollment of ['REQUEST', 'AUTO']) {
      const refused = await setEnrollment(organization.admin, pending.id, enrollment);
      expect(firstError(refused)).toEqual({
        code: 'BAD_USER_INPUT',
        message: `Only a verified domain may allow ${enrollment} enrollment; verify "${pending.domain}" first.`,
      });
    }

    publish(pending);
    await verifyDomain(organization.admin, pending.id);
    const auto = await setEnrollment(organization.admin, pending.id, 'AUTO');
    expect((auto.body.data?.setDomainEnrollment as DomainResult).enrollment).toBe('AUTO');
    const back = await setEnrollment(organization.admin, pending.id, 'INVITE_ONLY');
    expect((back.body.data?.setDomainEnrollment as DomainResult).enrollment).toBe('INVITE_ONLY');

    const events = await system.db.auditEvent.findMany({
      where: { organizationId: organization.id, action: 'domain.enrollment_changed' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(events.map((event) => event.details)).toEqual([
      { domain: pending.domain, from: 'INVITE_ONLY', to: 'AUTO' },
      { domain: pending.domain, from: 'AUTO', to: 'INVITE_ONLY' },
    ]);
  });

  it('removes a domain and records it', async () => {
    const organization = await helpers.organization();
    const domain = await verified(organization);

    const response = await removeDomain(organization.admin, domain.id);

    expect(response.body.data?.removeDomain).toBe(true);
    expect(await system.db.domain.findUnique({ where: { id: domain.id } })).toBeNull();
    expect(await helpers.auditActions(organization.id)).toEqual([
      'organization.created',
      'domain.added',
      'domain.verified',
      'domain.removed',
    ]);
    const again = await removeDomain(organization.admin, domain.id);
    expect(firstError(again).code).toBe('NOT_FOUND');
  });

  it('keeps domains from MEMBERs and from other organizations', async () => {
    const [organization, outsider] = await Promise.all([
      helpers.organization(),
      helpers.organization('Outsider'),
    ]);
    const domain = await added(organization);

    const listed = await listDomains(organization.member, organization.id);
    expect(firstError(listed).code).toBe('FORBIDDEN');
    const addedByMember = await addDomain(organization.member, organization.id, uniqueDomain());
    expect(firstError(addedByMember).code).toBe('FORBIDDEN');
    const verifiedByMember = await verifyDomain(organization.member, domain.id);
    expect(firstError(verifiedByMember).code).toBe('FORBIDDEN');

    for (const response of [
      await verifyDomain(outsider.owner, domain.id),
      await setEnrollment(outsider.owner, domain.id, 'INVITE_ONLY'),
      await removeDomain(outsider.owner, domain.id),
      await addDomain(outsider.owner, organization.id, uniqueDomain()),
    ]) {
      expect(firstError(response).code).toBe('NOT_FOUND');
    }
    expect(await system.db.domain.findUnique({ where: { id: domain.id } })).not.toBeNull();
  });
});
