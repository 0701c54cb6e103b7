import type { Domain, DomainEnrollment } from '../../../generated/prisma/client.js';
import { badUserInput, notFound } from '../../../platform/errors/app-error.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';

/**
 * Sets how users with an address at the domain may join. REQUEST and AUTO trust the domain to
 * say who belongs to the organization, so they need a VERIFIED domain; INVITE_ONLY does not.
 */
export async function setDomainEnrollment(
  context: OrganizationContext,
  input: { readonly id: string; readonly enrollment: DomainEnrollment },
): Promise<Domain> {
  const domain = await context.loaders.domains.load(input.id);
  if (!domain) throw notFound('The domain');
  if (input.enrollment !== 'INVITE_ONLY' && domain.status !== 'VERIFIED') {
    throw badUserInput(
      'input.enrollment',
      `Only a verified domain may allow ${input.enrollment} enrollment; verify ` +
        `"${domain.domain}" first.`,
    );
  }
  if (domain.enrollment === input.enrollment) return domain;

  return context.db.$transaction(async (tx) => {
    const changed = await tx.domain.updateMany({
      where: { id: domain.id },
      data: { enrollment: input.enrollment },
    });
    if (changed.count === 0) throw notFound('The domain');
    await recordAuditEvent(tx, context, {
      organizationId: domain.organizationId,
      action: 'domain.enrollment_changed',
      targetType: 'Domain',
      targetId: domain.id,
      details: { domain: domain.domain, from: domain.enrollment, to: input.enrollment },
    });
    return { ...domain, enrollment: input.enrollment };
  });
}
