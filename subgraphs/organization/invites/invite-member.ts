import type { Invite, MembershipRole } from '../../../generated/prisma/client.js';
import { appError } from '../../../platform/errors/app-error.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import { normalizeEmail } from '../../../platform/graphql/email-address.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { idempotentCreate } from '../idempotency/idempotent-create.js';
import { lockOrganization } from '../members/lock-organization.js';
import { mayManageRole } from '../roles/role-rank.js';
import { requireRole } from '../roles/viewer-membership.js';
import { newInvitationToken, sendInvitationLink } from './invitation-link.js';

export interface InviteMemberInput {
  readonly organizationId: string;
  readonly email: string;
  readonly role: MembershipRole;
  readonly idempotencyKey?: string | null;
}

/**
 * Invites an address into an organization and mails it a single-use link. Whether the address
 * already belongs to a member is only known to identity, so that is checked on acceptance.
 */
export async function inviteMember(
  context: OrganizationContext,
  input: InviteMemberInput,
): Promise<Invite> {
  const userId = requireViewerId(context);
  const { organizationId, role } = input;

  const actorRole = await requireRole(context, organizationId, 'ADMIN');
  if (!mayManageRole(actorRole, role)) {
    throw appError('FORBIDDEN', `Only an OWNER may invite someone as ${role}.`);
  }
  const email = normalizeEmail(input.email, 'input.email');

  return idempotentCreate(
    context.db,
    {
      userId,
      operation: 'inviteMember',
      key: input.idempotencyKey,
      input: { organizationId, email, role },
    },
    async (tx) => {
      // One invitation at a time per organization, so two admins inviting the same address
      // at once cannot both pass the check below.
      await lockOrganization(tx, organizationId);
      const now = new Date();

      // A revoked, accepted or expired invitation never blocks a new one.
      const pending = await tx.invite.findFirst({
        where: { organizationId, email, status: 'PENDING', expiresAt: { gt: now } },
        select: { id: true },
      });
      if (pending) {
        throw appError(
          'CONFLICT',
          `${email} already has a pending invitation; resend or revoke it instead.`,
          { extensions: { field: 'input.email' } },
        );
      }

      const token = newInvitationToken(context, now);
      const invite = await tx.invite.create({
        data: {
          organizationId,
          email,
          role,
          tokenHash: token.tokenHash,
          expiresAt: token.expiresAt,
          invitedByUserId: userId,
        },
      });
      await sendInvitationLink(tx, context, invite, token);

      await recordAuditEvent(tx, context, {
        organizationId,
        action: 'invite.created',
        targetType: 'Invite',
        targetId: invite.id,
        details: { email, role },
      });
      return invite;
    },
    (id) => context.db.invite.findUnique({ where: { id } }),
  );
}
