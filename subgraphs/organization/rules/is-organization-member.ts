import { rule } from 'graphql-shield';
import { forbidden } from '../../../platform/errors/app-error.js';
import type { OrganizationContext } from '../context.js';

/** The signed-in user belongs to the organization being read. */
export const isOrganizationMember = rule({ cache: 'strict' })(async (
  parent: { readonly id: string },
  _args: unknown,
  context: OrganizationContext,
) => {
  const role = await context.loaders.viewerRole.load(parent.id);
  return role ? true : forbidden('Only members of this organization may read it.');
});
