import type { MembershipRole, Organization } from '../../generated/prisma/client.js';
import { appError, badUserInput } from '../../platform/errors/app-error.js';
import { recordAuditEvent } from './audit/record-audit-event.js';
import type { OrganizationContext } from './context.js';
import type { UpdateOrganizationInput } from './generated/resolvers-types.js';
import { organizationName } from './organization-name.js';
import { mayManageRole } from './roles/role-rank.js';
import { requireRole } from './roles/viewer-membership.js';

/**
 * The role people get when they join through an AUTO domain. OWNER is never given away by a
 * domain; ADMIN only by an OWNER, since setting it grants it to everyone at the domain.
 */
function checkedDefaultRole(actor: MembershipRole, role: MembershipRole): MembershipRole {
  if (role === 'OWNER') {
    throw badUserInput(
      'input.settings.defaultRole',
      'The default role is MEMBER or ADMIN; OWNER is only given by an owner, one person at a time.',
    );
  }
  if (!mayManageRole(actor, role)) {
    throw appError('FORBIDDEN', `Only an OWNER may make ${role} the default role.`);
  }
  return role;
}

/** Renames an organization or changes its settings, recording what changed. */
export async function updateOrganization(
  context: OrganizationContext,
  input: UpdateOrganizationInput,
): Promise<Organization> {
  const { organizationId, settings } = input;
  const actor = await requireRole(context, organizationId, 'ADMIN');
  const name = input.name ? organizationName(input.name) : undefined;
  const joinRequestsEnabled = settings?.joinRequestsEnabled ?? undefined;
  const defaultRole = settings?.defaultRole
    ? checkedDefaultRole(actor, settings.defaultRole)
    : undefined;

  return context.db.$transaction(async (tx) => {
    const updated = await tx.organization.update({
      where: { id: organizationId },
      data: { name, joinRequestsEnabled, defaultRole },
    });
    await recordAuditEvent(tx, context, {
      organizationId,
      action: 'organization.updated',
      targetType: 'Organization',
      targetId: organizationId,
      details: {
        name: name ?? null,
        joinRequestsEnabled: joinRequestsEnabled ?? null,
        defaultRole: defaultRole ?? null,
      },
    });
    return updated;
  });
}
