import { randomUUID } from 'node:crypto';
import type { OAuthConfig, Prisma } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError, badUserInput, notFound } from '../../../platform/errors/app-error.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import type { SaveOAuthConfigInput } from '../generated/resolvers-types.js';
import { createRecordingKey, earlierResult } from '../idempotency/idempotent-create.js';
import { mayManageRole } from '../roles/role-rank.js';
import { requireRole } from '../roles/viewer-membership.js';
import { clientSecretInput, sealClientSecret } from './client-secret.js';
import { oauthConfigFields, type OAuthConfigFields } from './config-fields.js';
import { requireValidIssuer } from './issuer-discovery.js';

type Transaction = Prisma.TransactionClient;

const nameTaken = (name: string) =>
  appError('CONFLICT', `The organization already has an SSO configuration named "${name}".`);

async function refuseTakenName(tx: Transaction, organizationId: string, name: string, id?: string) {
  const holder = await tx.oAuthConfig.findUnique({
    where: { organizationId_name: { organizationId, name } },
    select: { id: true },
  });
  if (holder && holder.id !== id) throw nameTaken(name);
}

/** The fields whose stored value differs from the new one, for the audit log. */
function changedFields(existing: OAuthConfig, fields: OAuthConfigFields): string[] {
  return (Object.keys(fields) as (keyof OAuthConfigFields)[]).filter(
    (key) => JSON.stringify(existing[key]) !== JSON.stringify(fields[key]),
  );
}

/**
 * An SSO configuration speaks for the people of the domains it lists, so each must be a
 * domain the organization has proven it controls.
 */
async function requireVerifiedDomains(
  context: OrganizationContext,
  organizationId: string,
  domains: readonly string[],
): Promise<void> {
  if (domains.length === 0) return;
  const verified = await context.db.domain.findMany({
    where: { organizationId, status: 'VERIFIED', domain: { in: [...domains] } },
    select: { domain: true },
  });
  const known = new Set(verified.map((row) => row.domain));
  const missing = domains.find((domain) => !known.has(domain));
  if (missing !== undefined) {
    throw badUserInput(
      'input.domains',
      `The domain "${missing}" is not a verified domain of this organization; add and verify ` +
        'it first.',
    );
  }
}

const discovery = (context: OrganizationContext) => ({
  dispatcher: context.services.discoveryDispatcher,
});

async function createConfig(
  context: OrganizationContext,
  input: SaveOAuthConfigInput,
  fields: OAuthConfigFields,
  secret: string | undefined,
): Promise<OAuthConfig> {
  const { organizationId } = input;
  const scope = {
    userId: requireViewerId(context),
    operation: 'saveOAuthConfig',
    key: input.idempotencyKey,
    // The secret is left out of the fingerprint: a hash of a weak secret could be guessed.
    input: { organizationId, ...fields, hasClientSecret: secret !== undefined },
  };
  const load = (id: string) => context.db.oAuthConfig.findUnique({ where: { id } });
  // A retry answers from the key before the issuer is fetched again.
  const earlier = await earlierResult(context.db, scope, load);
  if (earlier) return earlier;
  await requireValidIssuer(fields.issuer, context.logger, discovery(context));

  return createRecordingKey(
    context.db,
    scope,
    async (tx) => {
      await refuseTakenName(tx, organizationId, fields.name);
      // The id is chosen here so the secret can be sealed for the row it will live in.
      const id = randomUUID();
      const clientSecretSealed =
        secret === undefined
          ? null
          : sealClientSecret(context.secrets, secret, { id, organizationId });
      const created = await tx.oAuthConfig.create({
        data: { id, organizationId, ...fields, clientSecretSealed },
      });
      await recordAuditEvent(tx, context, {
        organizationId,
        action: 'oauth_config.created',
        targetType: 'OAuthConfig',
        targetId: id,
        details: {
          name: fields.name,
          type: fields.type,
          issuer: fields.issuer,
          hasClientSecret: secret !== undefined,
        },
      });
      return created;
    },
    load,
  );
}

async function updateConfig(
  context: OrganizationContext,
  id: string,
  input: SaveOAuthConfigInput,
  fields: OAuthConfigFields,
  secret: string | undefined,
): Promise<OAuthConfig> {
  const { organizationId } = input;
  const existing = await context.loaders.oauthConfigs.load(id);
  if (!existing || existing.organizationId !== organizationId) {
    throw notFound('The SSO configuration');
  }
  if (fields.issuer !== existing.issuer) {
    await requireValidIssuer(fields.issuer, context.logger, discovery(context));
  }
  const changed = changedFields(existing, fields);
  if (changed.length === 0 && secret === undefined) return existing;

  return context.db.$transaction(async (tx) => {
    await refuseTakenName(tx, organizationId, fields.name, id);
    const data: Prisma.OAuthConfigUpdateManyMutationInput = { ...fields };
    if (secret !== undefined) {
      data.clientSecretSealed = sealClientSecret(context.secrets, secret, { id, organizationId });
    }
    const updated = await tx.oAuthConfig.updateMany({ where: { id, organizationId }, data });
    const current = await tx.oAuthConfig.findUnique({ where: { id } });
    if (updated.count === 0 || !current) throw notFound('The SSO configuration');

    const target = { organizationId, targetType: 'OAuthConfig', targetId: id } as const;
    if (changed.length > 0) {
      await recordAuditEvent(tx, context, {
        ...target,
        action: 'oauth_config.updated',
        details: { name: fields.name, changed: changed.join(',') },
      });
    }
    if (secret !== undefined) {
      await recordAuditEvent(tx, context, {
        ...target,
        action: 'oauth_config.secret_replaced',
        details: { name: fields.name, hadClientSecret: existing.clientSecretSealed !== null },
      });
    }
    return current;
  });
}

/**
 * Creates a configuration (no id) or updates one of the organization's (id). The client
 * secret is write-only: sealed for its row, reported only as `hasClientSecret`, never logged
 * and never part of an audit entry; omitting it on update keeps the stored one.
 */
export async function saveOAuthConfig(
  context: OrganizationContext,
  input: SaveOAuthConfigInput,
): Promise<OAuthConfig> {
  const fields = oauthConfigFields(input, {
    production: context.services.production,
    development: context.services.development,
  });
  const secret = clientSecretInput(input.clientSecret);

  // Users who sign in through the configuration get this role: granting it is granting it.
  const role = await requireRole(context, input.organizationId, 'ADMIN');
  if (!mayManageRole(role, fields.defaultRole)) {
    throw appError('FORBIDDEN', `Only an OWNER may make ${fields.defaultRole} the default role.`);
  }
  await requireVerifiedDomains(context, input.organizationId, fields.domains);

  try {
    return input.id
      ? await updateConfig(context, input.id, input, fields, secret)
      : await createConfig(context, input, fields, secret);
  } catch (error) {
    // A concurrent save took the name between the check and the write.
    if (isUniqueViolation(error)) throw nameTaken(fields.name);
    throw error;
  }
}
