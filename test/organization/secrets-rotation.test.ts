import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { enqueueMail, payloadLocation } from '../../platform/mail/outbox.js';
import { rewrapSecrets } from '../../tools/secrets/rewrap-secrets.js';
import {
  masterKeyFrom,
  SecretBox,
  type MasterKey,
  type SecretLocation,
} from '../../platform/secrets/secret-box.js';
import { successorLocation } from '../../subgraphs/identity/sessions/refresh-tokens.js';
import { clientSecretLocation } from '../../subgraphs/organization/oauth-configs/client-secret.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { captureLogs } from '../support/log-capture.js';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** A sealed value as stored, with what it must open to and where. */
interface StoredSecret {
  readonly read: (db: PrismaClient) => Promise<string | null>;
  readonly location: SecretLocation;
  readonly plaintext: string;
}

/** One value in each sealed column, all sealed under `box`, as the services would store them. */
async function storeSecrets(db: PrismaClient, box: SecretBox): Promise<StoredSecret[]> {
  const organization = await db.organization.create({ data: { name: 'Acme' } });
  const configId = randomUUID();
  const clientSecret = `cs_${randomBytes(16).toString('hex')}`;
  await db.oAuthConfig.create({
    data: {
      id: configId,
      organizationId: organization.id,
      name: 'sso',
      title: 'SSO',
      type: 'OIDC',
      issuer: 'https://login.example.com',
      clientId: 'client',
      clientSecretSealed: box.seal(clientSecret, clientSecretLocation(configId, organization.id)),
    },
  });

  const user = await db.user.create({
    data: { email: `${randomUUID()}@example.com`, displayName: 'Ada' },
  });
  const session = await db.session.create({
    data: { userId: user.id, deviceName: 'test', expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const tokenId = randomUUID();
  const successor = `rt_${randomBytes(16).toString('hex')}`;
  await db.refreshToken.create({
    data: {
      id: tokenId,
      sessionId: session.id,
      tokenHash: randomBytes(16).toString('hex'),
      expiresAt: new Date(Date.now() + 3_600_000),
      rotatedAt: new Date(),
      successorSealed: box.seal(successor, successorLocation(tokenId, user.id)),
    },
  });

  const variables = { displayName: 'Ada', link: 'https://app.example/v?t=1', expiresInHours: '24' };
  const messageId = await enqueueMail(db, box, {
    template: 'verify-email',
    recipient: user.email,
    variables,
  });
  // A delivered message has no payload left; it must be passed over.
  await db.mailMessage.create({
    data: { template: 'verify-email', recipient: user.email, status: 'SENT', payloadSealed: null },
  });

  return [
    {
      read: async (client) =>
        (await client.oAuthConfig.findUniqueOrThrow({ where: { id: configId } }))
          .clientSecretSealed,
      location: clientSecretLocation(configId, organization.id),
      plaintext: clientSecret,
    },
    {
      read: async (client) =>
        (await client.refreshToken.findUniqueOrThrow({ where: { id: tokenId } })).successorSealed,
      location: successorLocation(tokenId, user.id),
      plaintext: successor,
    },
    {
      read: async (client) =>
        (await client.mailMessage.findUniqueOrThrow({ where: { id: messageId } })).payloadSealed,
      location: payloadLocation(messageId),
      plaintext: JSON.stringify(variables),
    },
  ];
}

const newKey = (): MasterKey & { readonly base64: string } => {
  const bytes = randomBytes(32);
  return { ...masterKeyFrom(bytes), base64: bytes.toString('base64') };
};

const COLUMNS = [
  'oauth_configs.client_secret_sealed',
  'refresh_tokens.successor_sealed',
  'mail_outbox.payload_sealed',
];

describe.each(testDatabaseKinds)('master key rotation (%s)', (databaseKind) => {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;
  const logs = captureLogs('warn');

  async function open(): Promise<PrismaClient> {
    testDatabase ??= await createTestDatabase(databaseKind);
    database = await openDatabase({
      databaseUrl: testDatabase.databaseUrl,
      dataDir: testDatabase.dataDir,
      logger: logs.logger('database'),
    });
    return database.prisma;
  }

  afterEach(async () => {
    await database?.close();
    await testDatabase?.drop();
    database = undefined;
    testDatabase = undefined;
  });

  it('re-seals every value under the new key, so that it alone opens them', async () => {
    const [keyA, keyB] = [newKey(), newKey()];
    const db = await open();
    const stored = await storeSecrets(db, new SecretBox(keyA));
    const before = await Promise.all(stored.map((secret) => secret.read(db)));

    const report = await rewrapSecrets(db, new SecretBox(keyB, [keyA]));

    expect(report.failures).toEqual([]);
    expect(report.columns).toEqual(
      COLUMNS.map((column) => ({ column, rewrapped: 1, current: 0, changed: 0, failed: 0 })),
    );
    const onlyB = new SecretBox(keyB);
    for (const [index, secret] of stored.entries()) {
      const sealed = (await secret.read(db)) ?? '';
      expect(sealed).not.toBe(before[index]);
      expect(onlyB.open(sealed, secret.location)).toBe(secret.plaintext);
    }
  });

  it('skips values already under the current key when run again', async () => {
    const [keyA, keyB] = [newKey(), newKey()];
    const db = await open();
    const stored = await storeSecrets(db, new SecretBox(keyA));
    const rotated = new SecretBox(keyB, [keyA]);
    await rewrapSecrets(db, rotated);
    const after = await Promise.all(stored.map((secret) => secret.read(db)));

    const again = await rewrapSecrets(db, rotated);

    expect(again.columns).toEqual(
      COLUMNS.map((column) => ({ column, rewrapped: 0, current: 1, changed: 0, failed: 0 })),
    );
    expect(await Promise.all(stored.map((secret) => secret.read(db)))).toEqual(after);
  });

  it('reports a value no configured key opens and leaves it as it was', async () => {
    const [keyA, keyB, lost] = [newKey(), newKey(), newKey()];
    const db = await open();
    await storeSecrets(db, new SecretBox(keyA));
    const [orphan] = await storeSecrets(db, new SecretBox(lost));
    const sealed = await orphan?.read(db);

    const report = await rewrapSecrets(db, new SecretBox(keyB, [keyA]));

    expect(report.columns).toEqual(
      COLUMNS.map((column) => ({ column, rewrapped: 1, current: 0, changed: 0, failed: 1 })),
    );
    expect(report.failures).toEqual(
      COLUMNS.map((column) => ({
        column,
        id: expect.any(String),
        reason: `No master key with id ${lost.id} is configured.`,
      })),
    );
    expect(await orphan?.read(db)).toBe(sealed);
  });

  it('runs as npm run secrets:rotate against DATABASE_URL or DATA_DIR', async () => {
    const [keyA, keyB] = [newKey(), newKey()];
    const stored = await storeSecrets(await open(), new SecretBox(keyA));
    // The embedded database admits one process at a time: hand it over to the command.
    await database?.close();

    const { stdout } = await run('npm', ['run', '--silent', 'secrets:rotate'], {
      cwd: REPOSITORY_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: testDatabase?.databaseUrl ?? '',
        DATA_DIR: testDatabase?.dataDir,
        SECRETS_MASTER_KEY: keyB.base64,
        SECRETS_PREVIOUS_MASTER_KEYS: `${newKey().base64},${keyA.base64}`,
      },
    });

    expect(stdout.trim().split('\n')).toEqual(
      COLUMNS.map(
        (column) => `${column}: 1 re-sealed, 0 already current, 0 changed meanwhile, 0 failed`,
      ),
    );
    const db = await open();
    for (const secret of stored) {
      expect(new SecretBox(keyB).open((await secret.read(db)) ?? '', secret.location)).toBe(
        secret.plaintext,
      );
    }
  });
  it('fails with a clear line that quotes no key and no database password', async () => {
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const badKey = Buffer.from('too short').toString('base64');
    const env = {
      ...process.env,
      DATA_DIR: (testDatabase ??= await createTestDatabase(databaseKind)).dataDir,
      DATABASE_URL: `postgresql://rotator:${password}@127.0.0.1:1/secrets`,
      SECRETS_PREVIOUS_MASTER_KEYS: newKey().base64,
    };

    const outcomes = await Promise.all(
      [{ SECRETS_MASTER_KEY: badKey }, { SECRETS_MASTER_KEY: newKey().base64 }].map((extra) =>
        run('npm', ['run', '--silent', 'secrets:rotate'], {
          cwd: REPOSITORY_ROOT,
          env: { ...env, ...extra },
        }).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        ),
      ),
    );

    expect(outcomes[0]).toMatchObject({ code: 1 });
    expect(outcomes[0]?.stderr.trim()).toBe(
      'secrets:rotate failed: SECRETS_MASTER_KEY must be 32 bytes in base64.',
    );
    expect(outcomes[1]).toMatchObject({ code: 1 });
    expect(outcomes[1]?.stderr).toMatch(/^secrets:rotate failed: /);
    expect(outcomes[1]?.stderr).toContain("Can't reach database server at 127.0.0.1:1");
    for (const outcome of outcomes) {
      expect(outcome.stderr).not.toContain(password);
      expect(outcome.stderr).not.toContain(badKey);
      expect(outcome.stderr).not.toContain(env.SECRETS_PREVIOUS_MASTER_KEYS);
    }
  });
});
