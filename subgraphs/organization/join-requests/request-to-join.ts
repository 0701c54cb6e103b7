import type { JoinRequest, Prisma } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError } from '../../../platform/errors/app-error.js';
import { foldEmail } from '../../../platform/graphql/email-address.js';
import { requireViewer } from '../../../platform/rules/viewer-id.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { createRecordingKey, earlierResult } from '../idempotency/idempotent-create.js';
import { lockOrganization } from '../members/lock-organization.js';
import { autoJoinRole } from './auto-provision.js';
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

export interface RequestToJoinArgs {
  readonly organizationId: string;
  readonly idempotencyKey?: string | null;
}

/**
 * Asks to join an organization through a verified domain of the viewer's address. With a
 * REQUEST domain the request waits for an administrator; with an AUTO domain the viewer joins
 * at once with the organization's default role and gets the request back already APPROVED,
 * so clients handle one shape. An organization that does not exist and one that takes no
 * request from the viewer's domain get the same answer, so ids cannot be probed.
 */
export async function requestToJoin(
  context: OrganizationContext,
  args: RequestToJoinArgs,
): Promise<JoinRequest> {
  const viewer = requireViewer(context);
  const { organizationId } = args;
  const scope = {
    userId: viewer.userId,
    operation: 'requestToJoin',
    key: args.idempotencyKey,
    input: { organizationId },
    field: 'idempotencyKey',
  };
  const load = (id: string) => context.db.joinRequest.findUnique({ where: { id } });
  const earlier = await earlierResult(context.db, scope, load);
  if (earlier) return earlier;

  const domain = verifiedEmailDomain(viewer);
  if (!domain) {
    throw appError(
      'FORBIDDEN',
      'Verify your email address, then refresh your session to ask to join an organization.',
    );
  }
  const closed = () =>
    appError(
      'FORBIDDEN',
      `The organization does not take requests to join from ${domain} addresses.`,
    );

  const organization = await context.loaders.organizations.load(organizationId);
  if (!organization) throw closed();
  await assertNotMember(context.db, organizationId, viewer.userId);
  const enrollment = await context.db.domain.findFirst({
    where: {
      organizationId,
      domain,
      status: 'VERIFIED',
      enrollment: { in: [...OPEN_ENROLLMENTS] },
    },
    select: { domain: true, enrollment: true },
  });
  if (!enrollment) throw closed();
  // Only someone at one of its verified domains gets this far, so naming it tells nothing.
  if (!organization.joinRequestsEnabled) {
    throw appError('FORBIDDEN', 'The organization does not take requests to join.');
  }

  // The requester may now see the id and name of the organization they asked to join.
  context.visibleOrganizationIds.add(organizationId);
  const email = foldEmail(viewer.email);

  try {
    return await createRecordingKey(
      context.db,
      scope,
      async (tx) => {
        // Serialises requests per organization, so the checks below cannot race.
        await lockOrganization(tx, organizationId);
        await assertNotMember(tx, organizationId, viewer.userId);

        if (enrollment.enrollment === 'AUTO') {
          const current = await tx.organization.findUniqueOrThrow({
            where: { id: organizationId },
            select: { defaultRole: true },
          });
          const role = autoJoinRole(current.defaultRole);
          await tx.membership.create({ data: { organizationId, userId: viewer.userId, role } });
          const request = await tx.joinRequest.create({
            data: {
              organizationId,
              userId: viewer.userId,
              email,
              status: 'APPROVED',
              decidedAt: new Date(),
            },
          });
          await recordAuditEvent(tx, context, {
            organizationId,
            action: 'join_request.auto_approved',
            targetType: 'JoinRequest',
            targetId: request.id,
            details: { email, domain: enrollment.domain, role },
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
      },
      load,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }
}
