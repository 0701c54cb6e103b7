import { rule } from 'graphql-shield';
import { forbidden } from '../../../platform/errors/app-error.js';
import type { OrganizationContext } from '../context.js';

/** Id and name of an organization this request discovered or asked to join, or a member's. */
export const isVisibleOrganization = rule({ cache: 'strict' })(async (
  parent: { readonly id: string },
  _args: unknown,
  context: OrganizationContext,
) => {
  if (context.visibleOrganizationIds.has(parent.id)) return true;
  const role = await context.loaders.viewerRole.load(parent.id);
  return role ? true : forbidden('Only members of this organization may read it.');
});
