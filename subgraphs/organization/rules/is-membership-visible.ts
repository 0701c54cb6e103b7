import { rule } from 'graphql-shield';
import { forbidden } from '../../../platform/errors/app-error.js';
import type { OrganizationContext } from '../context.js';

/** A membership is visible to members of its organization. */
export const isMembershipVisible = rule({ cache: 'strict' })(async (
  parent: { readonly organizationId: string },
  _args: unknown,
  context: OrganizationContext,
) => {
  const role = await context.loaders.viewerRole.load(parent.organizationId);
  return role ? true : forbidden('Only members of this organization may read its members.');
});
