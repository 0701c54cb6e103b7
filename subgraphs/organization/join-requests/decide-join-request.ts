import type { JoinRequest, Membership, Prisma } from '../../../generated/prisma/client.js';
import { appError, notFound } from '../../../platform/errors/app-error.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { idempotentCreate } from '../idempotency/idempotent-create.js';
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
 * Lets the requester in as MEMBER: an administrator's approval grants no more than an
 * invitation an ADMIN could send. Should they have joined meanwhile, through an invitation
 * say, the request is closed all the same and their existing membership returned. With an
 * idempotency key, a retry answers with the first approval's membership instead of CONFLICT.
 */
export function approveJoinRequest(
  context: OrganizationContext,
  args: { readonly id: string; readonly idempotencyKey?: string | null },
): Promise<Membership> {
  const { id } = args;
  return idempotentCreate(
    context.db,
    {
      userId: requireViewerId(context),
      operation: 'approveJoinRequest',
      key: args.idempotencyKey,
      input: { id },
      field: 'idempotencyKey',
    },
    async (tx) => {
      const request = await decide(tx, context, id, 'APPROVED');
      const key = { organizationId: request.organizationId, userId: request.userId };

      const existing = await tx.membership.findUnique({ where: { organizationId_userId: key } });
      return existing ?? tx.membership.create({ data: { ...key, role: 'MEMBER' } });
    },
    (membershipId) => context.db.membership.findUnique({ where: { id: membershipId } }),
  );
}

export function denyJoinRequest(context: OrganizationContext, id: string): Promise<JoinRequest> {
  return context.db.$transaction((tx) => decide(tx, context, id, 'DENIED'));
}
