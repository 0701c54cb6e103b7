import type { Membership, MembershipRole, Prisma } from '../../../generated/prisma/client.js';
import { appError } from '../../../platform/errors/app-error.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { mayManageRole } from '../roles/role-rank.js';
import { lockOrganization } from './lock-organization.js';

type Transaction = Prisma.TransactionClient;

const lastOwner = (what: string) =>
  appError(
    'CONFLICT',
    `The last owner of an organization cannot ${what}; make someone else owner first.`,
  );

async function membershipOf(tx: Transaction, organizationId: string, userId: string) {
  return tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
  });
}

async function isLastOwner(tx: Transaction, target: Membership): Promise<boolean> {
  if (target.role !== 'OWNER') return false;
  const owners = await tx.membership.count({
    where: { organizationId: target.organizationId, role: 'OWNER' },
  });
  return owners <= 1;
}

/** The actor's and the target's memberships, re-read under the organization lock. */
async function actorAndTarget(
  tx: Transaction,
  context: OrganizationContext,
  organizationId: string,
  userId: string,
) {
  await lockOrganization(tx, organizationId);
  const actor = await membershipOf(tx, organizationId, requireViewerId(context));
  if (!actor) throw appError('NOT_FOUND', 'The organization was not found.');
  const target = await membershipOf(tx, organizationId, userId);
  if (!target) throw appError('NOT_FOUND', 'That user is not a member of the organization.');
  return { actor, target };
}

function assertMayManage(actor: MembershipRole, role: MembershipRole): void {
  if (!mayManageRole(actor, role)) {
    throw appError('FORBIDDEN', `An ${actor} cannot manage members with the ${role} role.`);
  }
}

export async function setMemberRole(
  context: OrganizationContext,
  input: { organizationId: string; userId: string; role: MembershipRole },
): Promise<Membership> {
  return context.db.$transaction(async (tx) => {
    const { actor, target } = await actorAndTarget(tx, context, input.organizationId, input.userId);
    assertMayManage(actor.role, target.role);
    assertMayManage(actor.role, input.role);
    if (target.role === input.role) return target;
    if (input.role !== 'OWNER' && (await isLastOwner(tx, target))) throw lastOwner('be demoted');

    const updated = await tx.membership.update({
      where: { id: target.id },
      data: { role: input.role },
    });
    await recordAuditEvent(tx, context, {
      organizationId: input.organizationId,
      action: 'member.role_changed',
      targetType: 'User',
      targetId: input.userId,
      details: { from: target.role, to: input.role },
    });
    return updated;
  });
}

export async function removeMember(
  context: OrganizationContext,
  input: { organizationId: string; userId: string },
): Promise<true> {
  await context.db.$transaction(async (tx) => {
    const { actor, target } = await actorAndTarget(tx, context, input.organizationId, input.userId);
    assertMayManage(actor.role, target.role);
    if (await isLastOwner(tx, target)) throw lastOwner('be removed');

    await tx.membership.delete({ where: { id: target.id } });
    await recordAuditEvent(tx, context, {
      organizationId: input.organizationId,
      action: 'member.removed',
      targetType: 'User',
      targetId: input.userId,
      details: { role: target.role },
    });
  });
  return true;
}

export async function leaveOrganization(
  context: OrganizationContext,
  organizationId: string,
): Promise<true> {
  const userId = requireViewerId(context);
  await context.db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const membership = await membershipOf(tx, organizationId, userId);
    if (!membership) throw appError('NOT_FOUND', 'The organization was not found.');
    if (await isLastOwner(tx, membership)) throw lastOwner('leave');

    await tx.membership.delete({ where: { id: membership.id } });
    await recordAuditEvent(tx, context, {
      organizationId,
      action: 'member.left',
      targetType: 'User',
      targetId: userId,
      details: { role: membership.role },
    });
  });
  return true;
}
