import type { Domain } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError } from '../../../platform/errors/app-error.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import type { AddDomainInput } from '../generated/resolvers-types.js';
import { idempotentCreate } from '../idempotency/idempotent-create.js';
import { lockDomainName, verifiedElsewhere } from './domain-lock.js';
import { normalizeDomain } from './domain-name.js';
import { newVerificationToken } from './verification-record.js';

const alreadyAdded = (domain: string) =>
  appError('CONFLICT', `The domain "${domain}" was already added to this organization.`);

/**
 * Adds a domain as PENDING with a fresh verification token. A name another organization has
 * verified cannot be claimed; one it has merely added can, and the first to verify wins.
 */
export async function addDomain(context: OrganizationContext, input: AddDomainInput) {
  const userId = requireViewerId(context);
  const { organizationId } = input;
  const domain = normalizeDomain(input.domain, 'input.domain');

  try {
    return await idempotentCreate<Domain>(
      context.db,
      {
        userId,
        operation: 'addDomain',
        key: input.idempotencyKey,
        input: { organizationId, domain },
      },
      async (tx) => {
        await lockDomainName(tx, domain);
        const existing = await tx.domain.findUnique({
          where: { organizationId_domain: { organizationId, domain } },
          select: { id: true },
        });
        if (existing) throw alreadyAdded(domain);
        if (await verifiedElsewhere(tx, domain, organizationId)) {
          throw appError(
            'CONFLICT',
            `The domain "${domain}" is already verified by another organization.`,
          );
        }

        const created = await tx.domain.create({
          data: { organizationId, domain, verificationToken: newVerificationToken() },
        });
        await recordAuditEvent(tx, context, {
          organizationId,
          action: 'domain.added',
          targetType: 'Domain',
          targetId: created.id,
          details: { domain },
        });
        return created;
      },
      (id) => context.db.domain.findUnique({ where: { id } }),
    );
  } catch (error) {
    // A concurrent add of the same name in this organization got there first.
    if (isUniqueViolation(error)) throw alreadyAdded(domain);
    throw error;
  }
}
