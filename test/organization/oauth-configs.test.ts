import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterKeyFrom, SecretBox } from '../../platform/secrets/secret-box.js';
import { clientSecretLocation } from '../../subgraphs/organization/oauth-configs/client-secret.js';
import {
  oauthConfigFields,
  type OAuthConfigInput,
} from '../../subgraphs/organization/oauth-configs/config-fields.js';
import { testDatabaseKinds } from '../support/databases.js';
import type { GraphQLResponse } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';
import {
  firstError,
  organizationHelpers,
  uniqueDomain,
  type Person,
  type TestOrganization,
} from './helpers.js';
import { DISCOVERY, startTestIssuers, type TestIssuers } from './oidc-issuers.js';

const CONFIG_FIELDS = `id name title type issuer clientId hasClientSecret scopes redirectUris
  domains autoProvision defaultRole updatedAt`;

interface ConfigResult {
  id: string;
  name: string;
  issuer: string;
  hasClientSecret: boolean;
  redirectUris: string[];
  domains: string[];
  scopes: string[];
}

describe.each(testDatabaseKinds)('OAuth/SSO configurations (%s)', (databaseKind) => {
  let system: TestSystem;
  let provider: TestIssuers;
  const masterKey = randomBytes(32);
  const box = new SecretBox(masterKeyFrom(masterKey));
  const helpers = organizationHelpers(() => system);
  /** Every secret sent in this suite; none may show up in a response, a log or a row. */
  const secretsSent: string[] = [];
  const responses: GraphQLResponse[] = [];

  beforeAll(async () => {
    provider = await startTestIssuers();
    system = await startSystem({
      databaseKind,
      env: {
        SECRETS_MASTER_KEY: masterKey.toString('base64'),
        OAUTH_ISSUER_CA_FILE: provider.caFile,
      },
    });
  });

  afterAll(async () => {
    await system?.stop();
    await provider?.close();
  });

  const newSecret = () => {
    const secret = `cs_${randomBytes(24).toString('hex')}`;
    secretsSent.push(secret);
    return secret;
  };

  const tenant = () => `${provider.origin}/tenant-${randomBytes(4).toString('hex')}`;

  async function save(person: Person, input: Record<string, unknown>) {
    const response = await helpers.gql(
      person,
      `mutation ($input: SaveOAuthConfigInput!) {
        saveOAuthConfig(input: $input) { ${CONFIG_FIELDS} }
      }`,
      { input },
    );
    responses.push(response);
    return response;
  }

  const configInput = (
    organization: TestOrganization,
    overrides: Record<string, unknown> = {},
  ) => ({
    organizationId: organization.id,
    name: 'corporate-sso',
    title: 'Corporate sign-in',
    type: 'OKTA',
    issuer: tenant(),
    clientId: 'client-123',
    scopes: ['openid', 'email', 'profile'],
    redirectUris: ['https://app.example.com/callback?tenant=acme', 'http://127.0.0.1:8765/cb'],
    domains: [],
    autoProvision: true,
    defaultRole: 'MEMBER',
    ...overrides,
  });

  async function created(organization: TestOrganization, overrides: Record<string, unknown> = {}) {
    const response = await save(organization.admin, configInput(organization, overrides));
    const result = response.body.data?.saveOAuthConfig as ConfigResult | undefined;
    if (!result) throw new Error(`saveOAuthConfig failed: ${JSON.stringify(response.body)}`);
    return result;
  }

  const sealedOf = async (id: string) =>
    (await system.db.oAuthConfig.findUniqueOrThrow({ where: { id } })).clientSecretSealed;

  const openSecret = async (id: string, organizationId: string) =>
    box.open((await sealedOf(id)) ?? '', clientSecretLocation(id, organizationId));

  it('creates a configuration whose secret is stored sealed and reported only as a flag', async () => {
    const organization = await helpers.organization();
    const secret = newSecret();
    const issuer = tenant();
    const domain = uniqueDomain();
    await helpers.addDomain(organization.id, domain, 'INVITE_ONLY');

    const config = await created(organization, {
      issuer,
      clientSecret: secret,
      domains: [` ${domain.toUpperCase()}. `],
    });

    expect(config).toMatchObject({
      name: 'corporate-sso',
      issuer,
      hasClientSecret: true,
      scopes: ['openid', 'email', 'profile'],
      redirectUris: ['https://app.example.com/callback?tenant=acme', 'http://127.0.0.1:8765/cb'],
      domains: [domain],
    });
    expect(provider.requested).toContain(`${new URL(issuer).pathname}${DISCOVERY}`);
    const sealed = await sealedOf(config.id);
    expect(sealed).not.toContain(secret);
    expect(await openSecret(config.id, organization.id)).toBe(secret);

    const [event] = await system.db.auditEvent.findMany({
      where: { organizationId: organization.id, action: 'oauth_config.created' },
    });
    expect(event?.details).toEqual({
      name: 'corporate-sso',
      type: 'OKTA',
      issuer,
      hasClientSecret: true,
    });
  });

  it('keeps the secret when an update omits it and replaces it when one is sent', async () => {
    const organization = await helpers.organization();
    const first = newSecret();
    const config = await created(organization, { clientSecret: first });

    const renamed = await save(
      organization.admin,
      configInput(organization, { id: config.id, issuer: config.issuer, title: 'Okta' }),
    );
    expect(renamed.body.data?.saveOAuthConfig).toMatchObject({ hasClientSecret: true });
    expect(await openSecret(config.id, organization.id)).toBe(first);

    const second = newSecret();
    const replaced = await save(
      organization.admin,
      configInput(organization, {
        id: config.id,
        issuer: config.issuer,
        title: 'Okta',
        clientSecret: second,
      }),
    );
    expect(replaced.body.errors).toBeUndefined();
    expect(await openSecret(config.id, organization.id)).toBe(second);

    const events = await system.db.auditEvent.findMany({
      where: { organizationId: organization.id, targetId: config.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(events.map((event) => [event.action, event.details])).toEqual([
      [
        'oauth_config.created',
        { name: 'corporate-sso', type: 'OKTA', issuer: config.issuer, hasClientSecret: true },
      ],
      ['oauth_config.updated', { name: 'corporate-sso', changed: 'title' }],
      ['oauth_config.secret_replaced', { name: 'corporate-sso', hadClientSecret: true }],
    ]);
  });

  it('lists configurations without their secrets', async () => {
    const organization = await helpers.organization();
    await created(organization, { name: 'with-secret', clientSecret: newSecret() });
    await created(organization, { name: 'without-secret' });

    const response = await helpers.gql(
      organization.owner,
      `query ($id: ID!) {
        organization(id: $id) { oauthConfigs { totalCount edges { node { ${CONFIG_FIELDS} } } } }
      }`,
      { id: organization.id },
    );
    responses.push(response);

    const list = response.body.data?.organization as {
      oauthConfigs: { totalCount: number; edges: { node: ConfigResult }[] };
    };
    expect(list.oauthConfigs.totalCount).toBe(2);
    expect(
      list.oauthConfigs.edges.map((edge) => [edge.node.name, edge.node.hasClientSecret]),
    ).toEqual([
      ['with-secret', true],
      ['without-secret', false],
    ]);
  });

  it('refuses an issuer whose discovery document names another issuer', async () => {
    const organization = await helpers.organization();
    const issuer = `${provider.origin}/mismatch`;

    const response = await save(
      organization.admin,
      configInput(organization, { issuer, clientSecret: newSecret() }),
    );

    expect(firstError(response)).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        `The discovery document of the issuer "${issuer}" is not usable: it names another ` +
        'issuer; the issuer must match the document exactly, trailing slash included.',
    });
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.issuer');
    expect(await system.db.oAuthConfig.count({ where: { organizationId: organization.id } })).toBe(
      0,
    );
  });

  it('compares the issuer exactly: a trailing slash the provider does not use is refused', async () => {
    const organization = await helpers.organization();

    const response = await save(
      organization.admin,
      configInput(organization, { issuer: `${tenant()}/` }),
    );

    expect(firstError(response).code).toBe('BAD_USER_INPUT');
    expect(firstError(response).message).toContain('it names another issuer');
  });

  it('does not follow a redirect from the discovery endpoint', async () => {
    const organization = await helpers.organization();
    const before = provider.requested.length;

    const response = await save(
      organization.admin,
      configInput(organization, { issuer: `${provider.origin}/moved` }),
    );

    expect(firstError(response)).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        `The discovery document of the issuer "${provider.origin}/moved" is not usable: it ` +
        'answered HTTP 302 instead of 200.',
    });
    expect(provider.requested.slice(before)).toEqual([`/moved${DISCOVERY}`]);
  });

  it('reports an unreachable or failing provider as an upstream error', async () => {
    const organization = await helpers.organization();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unreachable = `https://127.0.0.1:${(closed.address() as AddressInfo).port}/tenant`;
    await new Promise((resolve) => closed.close(resolve));

    const refused = await save(
      organization.admin,
      configInput(organization, { issuer: unreachable }),
    );
    expect(firstError(refused)).toEqual({
      code: 'UPSTREAM_ERROR',
      message: `Could not fetch the discovery document of the issuer "${unreachable}": the connection failed.`,
    });

    const failing = await save(
      organization.admin,
      configInput(organization, { issuer: `${provider.origin}/failing` }),
    );
    expect(firstError(failing).code).toBe('UPSTREAM_ERROR');
  });

  it.each([
    [{ name: 'Corporate SSO' }, 'input.name'],
    [{ name: 'x'.repeat(65) }, 'input.name'],
    [{ scopes: ['email', 'profile'] }, 'input.scopes'],
    [{ redirectUris: ['https://app.example.com/callback#done'] }, 'input.redirectUris'],
    [{ redirectUris: ['/callback'] }, 'input.redirectUris'],
    [{ redirectUris: [] }, 'input.redirectUris'],
    [{ issuer: 'not a url' }, 'input.issuer'],
    [{ issuer: 'https://login.example.com/tenant?x=1' }, 'input.issuer'],
    [{ domains: ['gmail.com'] }, 'input.domains'],
    [{ clientSecret: '' }, 'input.clientSecret'],
  ])('refuses %j, naming %s', async (overrides, field) => {
    const organization = await helpers.organization();

    const response = await save(organization.admin, configInput(organization, overrides));

    expect(firstError(response).code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('refuses a second configuration with the same name', async () => {
    const organization = await helpers.organization();
    await created(organization);

    const response = await save(
      organization.admin,
      configInput(organization, { clientSecret: newSecret() }),
    );

    expect(firstError(response)).toEqual({
      code: 'CONFLICT',
      message: 'The organization already has an SSO configuration named "corporate-sso".',
    });
  });

  it("updates only the organization's own configurations", async () => {
    const [organization, other] = await Promise.all([
      helpers.organization(),
      helpers.organization('Other'),
    ]);
    const config = await created(organization, { clientSecret: newSecret() });

    const response = await save(
      other.admin,
      configInput(other, { id: config.id, issuer: config.issuer, clientSecret: newSecret() }),
    );

    expect(firstError(response)).toEqual({
      code: 'NOT_FOUND',
      message: 'The SSO configuration was not found.',
    });
  });

  it('lets only an OWNER make ADMIN the role of provisioned users', async () => {
    const organization = await helpers.organization();

    const byAdmin = await save(
      organization.admin,
      configInput(organization, { defaultRole: 'ADMIN' }),
    );
    expect(firstError(byAdmin)).toEqual({
      code: 'FORBIDDEN',
      message: 'Only an OWNER may make ADMIN the default role.',
    });
    const byOwner = await save(
      organization.owner,
      configInput(organization, { defaultRole: 'ADMIN' }),
    );
    expect(byOwner.body.errors).toBeUndefined();
  });

  it('keeps configurations from MEMBERs', async () => {
    const organization = await helpers.organization();
    const config = await created(organization);

    const listed = await helpers.gql(
      organization.member,
      'query ($id: ID!) { organization(id: $id) { oauthConfigs { totalCount } } }',
      { id: organization.id },
    );
    expect(firstError(listed).code).toBe('FORBIDDEN');
    const saved = await save(
      organization.member,
      configInput(organization, { name: 'mine', clientSecret: newSecret() }),
    );
    expect(firstError(saved).code).toBe('FORBIDDEN');
    const deleted = await helpers.gql(
      organization.member,
      'mutation ($id: ID!) { deleteOAuthConfig(id: $id) }',
      {
        id: config.id,
      },
    );
    expect(firstError(deleted).code).toBe('FORBIDDEN');
  });

  it('deletes a configuration and records it', async () => {
    const organization = await helpers.organization();
    const config = await created(organization, { clientSecret: newSecret() });

    const response = await helpers.gql(
      organization.admin,
      'mutation ($id: ID!) { deleteOAuthConfig(id: $id) }',
      { id: config.id },
    );

    expect(response.body.data?.deleteOAuthConfig).toBe(true);
    expect(await system.db.oAuthConfig.findUnique({ where: { id: config.id } })).toBeNull();
    expect(await helpers.auditActions(organization.id)).toEqual([
      'organization.created',
      'oauth_config.created',
      'oauth_config.deleted',
    ]);
  });

  it('binds a sealed secret to its row: copied to another configuration, it does not open', async () => {
    const organization = await helpers.organization();
    const source = await created(organization, { name: 'source', clientSecret: newSecret() });
    const target = await created(organization, { name: 'target', clientSecret: newSecret() });

    await system.db.oAuthConfig.update({
      where: { id: target.id },
      data: { clientSecretSealed: await sealedOf(source.id) },
    });

    await expect(openSecret(target.id, organization.id)).rejects.toThrow(
      'The sealed value does not open here: altered, moved or wrong key.',
    );
  });

  it('refuses a plain-HTTP issuer outside development, even on loopback', async () => {
    const organization = await helpers.organization();
    const before = provider.requested.length;

    const response = await save(
      organization.admin,
      configInput(organization, { issuer: tenant().replace('https:', 'http:') }),
    );

    expect(firstError(response)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The issuer must use HTTPS; plain HTTP is for development only.',
    });
    expect(provider.requested.length).toBe(before);
  });

  it("accepts only the organization's own verified domains", async () => {
    const [organization, other] = await Promise.all([
      helpers.organization(),
      helpers.organization('Other'),
    ]);
    const pending = uniqueDomain();
    const othersDomain = uniqueDomain();
    const verified = uniqueDomain();
    await helpers.addDomain(organization.id, pending, 'INVITE_ONLY', 'PENDING');
    await helpers.addDomain(other.id, othersDomain, 'AUTO');
    await helpers.addDomain(organization.id, verified, 'REQUEST');

    for (const domain of [pending, othersDomain, uniqueDomain()]) {
      const response = await save(
        organization.admin,
        configInput(organization, { domains: [verified, domain] }),
      );
      expect(firstError(response), domain).toEqual({
        code: 'BAD_USER_INPUT',
        message:
          `The domain "${domain}" is not a verified domain of this organization; add and ` +
          'verify it first.',
      });
      expect(response.body.errors?.[0]?.extensions?.field).toBe('input.domains');
    }
    expect(await system.db.oAuthConfig.count({ where: { organizationId: organization.id } })).toBe(
      0,
    );
    expect((await created(organization, { domains: [verified] })).domains).toEqual([verified]);
  });

  it('answers a retried create from its idempotency key without fetching the issuer again', async () => {
    const organization = await helpers.organization();
    const issuer = tenant();
    const input = configInput(organization, {
      issuer,
      clientSecret: newSecret(),
      idempotencyKey: 'save-1',
    });

    const first = await save(organization.admin, input);
    const fetched = provider.requested.length;
    const retry = await save(organization.admin, input);

    expect(retry.body).toEqual(first.body);
    expect(provider.requested.length).toBe(fetched);
    expect(await system.db.oAuthConfig.count({ where: { organizationId: organization.id } })).toBe(
      1,
    );

    const changed = await save(organization.admin, { ...input, title: 'Another title' });
    expect(firstError(changed)).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        'The idempotency key was already used for saveOAuthConfig with other input; send a ' +
        'new key for a new request.',
    });
    expect(provider.requested.length).toBe(fetched);
  });

  it("lists, updates and deletes nothing of another organization's, for its admins either", async () => {
    const [organization, other] = await Promise.all([
      helpers.organization(),
      helpers.organization('Other'),
    ]);
    const config = await created(organization, { clientSecret: newSecret() });

    for (const outsider of [other.admin, other.owner]) {
      const listed = await helpers.gql(
        outsider,
        'query ($id: ID!) { organization(id: $id) { oauthConfigs { totalCount } } }',
        { id: organization.id },
      );
      expect(listed.body).toEqual({ data: { organization: null } });

      const deleted = await helpers.gql(
        outsider,
        'mutation ($id: ID!) { deleteOAuthConfig(id: $id) }',
        { id: config.id },
      );
      expect(firstError(deleted).code).toBe('NOT_FOUND');

      const direct = await save(
        outsider,
        configInput(organization, { id: config.id, issuer: config.issuer, title: 'Taken' }),
      );
      expect(firstError(direct).code).toBe('NOT_FOUND');
    }
    expect(await system.db.oAuthConfig.findUnique({ where: { id: config.id } })).toMatchObject({
      title: 'Corporate sign-in',
    });
  });

  /** Every row of every table in the database, as PostgreSQL's text form of the row. */
  async function everyRowAsText(): Promise<Record<string, string>> {
    const tables = await system.db.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name::text AS table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const text: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const rows = await system.db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT t::text AS row FROM "${table.replaceAll('"', '""')}" t`,
      );
      text[table] = rows.map((entry) => entry.row).join('\n');
    }
    return text;
  }

  it('never shows a client secret in a response, a log line or any row of any table', async () => {
    expect(secretsSent.length).toBeGreaterThan(10);
    const responseText = JSON.stringify(responses.map((response) => response.body));
    const logText = system.logs.lines.join('\n');
    const tables = await everyRowAsText();
    // The scan reaches the tables that hold sealed secrets and the audit log.
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['oauth_configs', 'audit_events', 'idempotency_keys', 'mail_outbox']),
    );
    expect(tables.oauth_configs).toContain('v1.');
    for (const sent of secretsSent) {
      expect(responseText).not.toContain(sent);
      expect(logText).not.toContain(sent);
      const hex = Buffer.from(sent).toString('hex');
      for (const [table, rows] of Object.entries(tables)) {
        expect(rows, table).not.toContain(sent);
        // A bytea column shows its bytes as hex.
        expect(rows, table).not.toContain(hex);
      }
    }
  });

  // graphql-js's coercion message quotes the whole input object; platform/errors/variable-errors.ts
  // rebuilds it from schema names only.
  it('does not echo the secret of a request whose variables fail validation', async () => {
    const secret = newSecret();
    const organization = await helpers.organization();
    const incomplete: Record<string, unknown> = configInput(organization, { clientSecret: secret });
    delete incomplete.title;

    const response = await save(organization.admin, incomplete);

    expect(firstError(response).code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(system.logs.lines.join('\n')).not.toContain(secret);
  });
});

describe('OAuth/SSO configuration rules', () => {
  const input: OAuthConfigInput = {
    name: 'sso',
    title: 'SSO',
    type: 'OIDC',
    issuer: 'http://localhost:8080/realms/acme',
    clientId: 'client',
    scopes: ['openid'],
    redirectUris: ['http://app.internal.example/callback'],
    domains: [],
    autoProvision: false,
    defaultRole: 'MEMBER',
  };
  const development = { production: false, development: true };
  const test = { production: false, development: false };
  const production = { production: true, development: false };

  it('accepts plain HTTP issuers and redirect URIs in development', () => {
    const fields = oauthConfigFields(input, development);
    expect(fields.issuer).toBe('http://localhost:8080/realms/acme');
    expect(fields.redirectUris).toEqual(['http://app.internal.example/callback']);
  });

  it.each([
    ['test', test],
    ['production', { ...production }],
  ])('requires an HTTPS issuer outside development (%s), loopback ones included', (_env, rules) => {
    for (const issuer of ['http://localhost:8080/realms/acme', 'http://127.0.0.1:9000/t']) {
      expect(() =>
        oauthConfigFields(
          { ...input, issuer, redirectUris: ['https://app.example.com/cb'] },
          rules,
        ),
      ).toThrow('The issuer must use HTTPS; plain HTTP is for development only.');
    }
    const https = {
      ...input,
      issuer: 'https://127.0.0.1:9000/t',
      redirectUris: ['https://a.example/cb'],
    };
    expect(oauthConfigFields(https, rules).issuer).toBe('https://127.0.0.1:9000/t');
  });

  it('allows plain HTTP redirect URIs in production only on loopback, for native apps', () => {
    const https = { ...input, issuer: 'https://login.example.com/acme' };
    expect(() => oauthConfigFields(https, production)).toThrow(
      'The redirect URI "http://app.internal.example/callback" must use HTTPS; plain HTTP is ' +
        'only for localhost and 127.0.0.1.',
    );
    const native = ['http://127.0.0.1:49152/cb', 'http://localhost/cb', 'http://[::1]:8080/cb'];
    expect(oauthConfigFields({ ...https, redirectUris: native }, production).redirectUris).toEqual(
      native,
    );
    expect(oauthConfigFields(https, test).redirectUris).toEqual(https.redirectUris);
  });
});
