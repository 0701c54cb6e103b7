import type { JoinRequest, Membership, Prisma } from '../../../generated/prisma/client.js';
import { appError, notFound } from '../../../platform/errors/app-error.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { lockOrganization } from '../members/lock-organization.js';

/**
 * Marks a pending request decided. The organization row is locked first, so approving and
 * denying the same request at once cannot both happen.
 */
async function decide(
  tx: Prisma.TransactionClient,
  context: OrganizationContext,
  id: string,
  status: 'APPROVED' | 'DENIED',
): Promise<JoinRequest> {
  const found = await tx.joinRequest.findUnique({
    where: { id },
    select: { organizationId: true },
  });
  if (!found) throw notFound('The join request');
  await lockOrganization(tx, found.organizationId);

  const request = await tx.joinRequest.findUniqueOrThrow({ where: { id } });
  if (request.status !== 'PENDING') {
    throw appError(
      'CONFLICT',
      `Only a pending join request can be decided; this one is ${request.status.toLowerCase()}.`,
    );
  }
  const decided = await tx.joinRequest.update({
    where: { id },
    data: { status, decidedAt: new Date(), decidedByUserId: requireViewerId(context) },
  });

  await recordAuditEvent(tx, context, {
    organizationId: request.organizationId,
    action: status === 'APPROVED' ? 'join_request.approved' : 'join_request.denied',
    targetType: 'JoinRequest',
    targetId: id,
    details: { email: request.email },
  });
  return decided;
}

/**
 * Lets the requester in as MEMBER. Should they have joined meanwhile, through an invitation
 * say, the request is closed all the same and their existing membership returned.
 */
export function approveJoinRequest(context: OrganizationContext, id: string): Promise<Membership> {
  return context.db.$transaction(async (tx) => {
    const request = await decide(tx, context, id, 'APPROVED');
    const key = { organizationId: request.organizationId, userId: request.userId };

    const existing = await tx.membership.findUnique({ where: { organizationId_userId: key } });
    return existing ?? tx.membership.create({ data: { ...key, role: 'MEMBER' } });
  });
}

export function denyJoinRequest(context: OrganizationContext, id: string): Promise<JoinRequest> {
  return context.db.$transaction((tx) => decide(tx, context, id, 'DENIED'));
}
