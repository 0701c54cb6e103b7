import type { MembershipRole } from '../../../generated/prisma/client.js';
import { appError } from '../../../platform/errors/app-error.js';
import type { OrganizationContext } from '../context.js';
import { atLeast } from './role-rank.js';

/**
 * The viewer's role in an organization, demanding at least `required`. A non-member is told
 * the organization was not found, so membership of others cannot be probed.
 */
export async function requireRole(
  context: OrganizationContext,
  organizationId: string,
  required: MembershipRole,
): Promise<MembershipRole> {
  const role = await context.loaders.viewerRole.load(organizationId);
  if (!role) throw appError('NOT_FOUND', 'The organization was not found.');
  if (!atLeast(role, required)) {
    throw appError('FORBIDDEN', `This needs the ${required} role in the organization.`);
  }
  return role;
}
