import type { JoinRequest, Prisma } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError } from '../../../platform/errors/app-error.js';
import { requireViewer } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { lockOrganization } from '../members/lock-organization.js';
import { OPEN_ENROLLMENTS, verifiedEmailDomain } from './enrollment.js';

const alreadyMember = () =>
  appError('ALREADY_A_MEMBER', 'You already belong to this organization.');

async function assertNotMember(
  tx: Prisma.TransactionClient,
  organizationId: string,
  userId: string,
): Promise<void> {
  const membership = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true },
  });
  if (membership) throw alreadyMember();
}

/**
 * Asks to join an organization through a verified domain of the viewer's address. With a
 * REQUEST domain the request waits for an administrator; with an AUTO domain the viewer joins
 * as MEMBER at once and gets the request back already APPROVED, so clients handle one shape.
 */
export async function requestToJoin(
  context: OrganizationContext,
  organizationId: string,
): Promise<JoinRequest> {
  const viewer = requireViewer(context);
  const organization = await context.loaders.organizations.load(organizationId);
  if (!organization) throw appError('NOT_FOUND', 'The organization was not found.');
  await assertNotMember(context.db, organizationId, viewer.userId);

  const domain = verifiedEmailDomain(viewer);
  if (!domain) {
    throw appError(
      'FORBIDDEN',
      'Verify your email address, then refresh your session to ask to join an organization.',
    );
  }
  const enrollment = await context.db.domain.findFirst({
    where: {
      organizationId,
      domain,
      status: 'VERIFIED',
      enrollment: { in: [...OPEN_ENROLLMENTS] },
    },
    select: { domain: true, enrollment: true },
  });
  if (!enrollment) {
    throw appError(
      'FORBIDDEN',
      `The organization does not take requests to join from ${domain} addresses.`,
    );
  }
  if (!organization.joinRequestsEnabled) {
    throw appError('FORBIDDEN', 'The organization does not take requests to join.');
  }

  // The requester may now see the id and name of the organization they asked to join.
  context.visibleOrganizationIds.add(organizationId);
  const email = viewer.email.trim().toLowerCase();

  try {
    return await context.db.$transaction(async (tx) => {
      // Serialises requests per organization, so the checks below cannot race.
      await lockOrganization(tx, organizationId);
      await assertNotMember(tx, organizationId, viewer.userId);

      if (enrollment.enrollment === 'AUTO') {
        const now = new Date();
        await tx.membership.create({
          data: { organizationId, userId: viewer.userId, role: 'MEMBER' },
        });
        const request = await tx.joinRequest.create({
          data: {
            organizationId,
            userId: viewer.userId,
            email,
            status: 'APPROVED',
            decidedAt: now,
          },
        });
        await recordAuditEvent(tx, context, {
          organizationId,
          action: 'join_request.auto_approved',
          targetType: 'JoinRequest',
          targetId: request.id,
          details: { email, domain: enrollment.domain },
        });
        return request;
      }

      const pending = await tx.joinRequest.findFirst({
        where: { organizationId, userId: viewer.userId, status: 'PENDING' },
        select: { id: true },
      });
      if (pending) {
        throw appError(
          'CONFLICT',
          'You have already asked to join this organization; an administrator will decide.',
        );
      }
      return tx.joinRequest.create({ data: { organizationId, userId: viewer.userId, email } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }
}
