import { notFound } from '../../../platform/errors/app-error.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';

/** Removes a domain; users who joined through it stay members. */
export async function removeDomain(context: OrganizationContext, id: string): Promise<boolean> {
  const domain = await context.loaders.domains.load(id);
  if (!domain) throw notFound('The domain');

  return context.db.$transaction(async (tx) => {
    const removed = await tx.domain.deleteMany({ where: { id } });
    if (removed.count === 0) throw notFound('The domain');
    await recordAuditEvent(tx, context, {
      organizationId: domain.organizationId,
      action: 'domain.removed',
      targetType: 'Domain',
      targetId: id,
      details: { domain: domain.domain, status: domain.status },
    });
    return true;
  });
}
