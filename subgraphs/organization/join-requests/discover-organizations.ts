import type { Organization } from '../../../generated/prisma/client.js';
import { requireViewer } from '../../../platform/rules/viewer-id.js';
import type { OrganizationContext } from '../context.js';
import { openToDomain, verifiedEmailDomain } from './enrollment.js';

/**
 * Organizations the viewer may ask to join and does not belong to yet: exactly those
 * `requestToJoin` would accept. Each becomes visible by id and name for this request.
 */
export async function discoverOrganizations(context: OrganizationContext): Promise<Organization[]> {
  const viewer = requireViewer(context);
  const domain = verifiedEmailDomain(viewer);
  if (!domain) return [];

  const organizations = await context.db.organization.findMany({
    where: { ...openToDomain(domain), memberships: { none: { userId: viewer.userId } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  for (const organization of organizations) context.visibleOrganizationIds.add(organization.id);
  return organizations;
}
