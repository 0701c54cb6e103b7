import type { Domain } from '../../../generated/prisma/client.js';
import { appError, badUserInput, notFound } from '../../../platform/errors/app-error.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { lockDomainName, verifiedElsewhere } from './domain-lock.js';
import { lookupTxtRecord } from './txt-lookup.js';
import { verificationRecord } from './verification-record.js';

/**
 * Looks up the domain's TXT record and, when it holds the token, marks the domain VERIFIED.
 * A missing record leaves it PENDING, so the admin can publish it and try again.
 */
export async function verifyDomain(context: OrganizationContext, id: string): Promise<Domain> {
  const domain = await context.loaders.domains.load(id);
  if (!domain) throw notFound('The domain');
  if (domain.status === 'VERIFIED') return domain;

  const record = verificationRecord(domain);
  const outcome = await lookupTxtRecord({
    name: record.name,
    value: record.value,
    servers: context.services.config.DNS_SERVERS,
  });
  switch (outcome.kind) {
    case 'found':
      break;
    case 'missing':
      throw badUserInput(
        'id',
        `The TXT record ${record.name} was not found with the value of verificationRecord; ` +
          'publish it and try again (DNS changes can take a while to reach every server).',
      );
    case 'failed':
      context.logger.warn(
        { domain: domain.domain, dnsError: outcome.code },
        'domain verification lookup failed',
      );
      // The code stays in the log: the client learns nothing about our resolvers.
      throw appError('UPSTREAM_ERROR', 'The DNS lookup failed; try verifying again later.');
  }

  return context.db.$transaction(async (tx) => {
    await lockDomainName(tx, domain.domain);
    if (await verifiedElsewhere(tx, domain.domain, domain.organizationId)) {
      throw appError(
        'CONFLICT',
        `The domain "${domain.domain}" was verified by another organization in the meantime.`,
      );
    }

    const changed = await tx.domain.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'VERIFIED', verifiedAt: new Date() },
    });
    const current = await tx.domain.findUnique({ where: { id } });
    if (!current) throw notFound('The domain');
    // A concurrent verification of this same row already recorded the event.
    if (changed.count === 0) return current;

    await recordAuditEvent(tx, context, {
      organizationId: domain.organizationId,
      action: 'domain.verified',
      targetType: 'Domain',
      targetId: id,
      details: { domain: domain.domain },
    });
    return current;
  });
}
