import type { MembershipRole } from '../../../generated/prisma/client.js';
import { rule } from 'graphql-shield';
import { appError } from '../../../platform/errors/app-error.js';
import type { OrganizationContext } from '../context.js';
import { atLeast } from '../roles/role-rank.js';

/** Finds the organization a field or mutation acts on, or null when its target is absent. */
export type OrganizationLocator = (
  parent: unknown,
  args: Record<string, unknown>,
  context: OrganizationContext,
) => Promise<string | null | undefined> | string | null | undefined;

const notFound = () => appError('NOT_FOUND', 'The organization or record was not found.');

/**
 * The viewer holds at least `required` in the organization the locator names. A missing
 * target and another organization's target give the same NOT_FOUND, so ids cannot be probed.
 */
export function roleInOrganization(required: MembershipRole, locate: OrganizationLocator) {
  return rule({ cache: 'no_cache' })(
    async (parent: unknown, args: Record<string, unknown>, context: OrganizationContext) => {
      const organizationId = await locate(parent, args, context);
      if (!organizationId) return notFound();
      const role = await context.loaders.viewerRole.load(organizationId);
      if (!role) return notFound();
      if (!atLeast(role, required)) {
        return appError('FORBIDDEN', `This needs the ${required} role in the organization.`);
      }
      return true;
    },
  );
}
