import type { MembershipRole } from '../../../generated/prisma/client.js';

const RANK: Readonly<Record<MembershipRole, number>> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

export function atLeast(
  role: MembershipRole | null | undefined,
  required: MembershipRole,
): boolean {
  return role !== null && role !== undefined && RANK[role] >= RANK[required];
}

/**
 * Whether `actor` may give someone `role`, or change or remove someone who has it: nobody
 * grants or touches a role above their own, and only OWNERs manage ADMINs and OWNERs.
 */
export function mayManageRole(actor: MembershipRole, role: MembershipRole): boolean {
  if (actor === 'OWNER') return true;
  return actor === 'ADMIN' && role === 'MEMBER';
}
