import type { Invite, Prisma } from '../../../generated/prisma/client.js';
import { appError, notFound } from '../../../platform/errors/app-error.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { mayManageRole } from '../roles/role-rank.js';
import { requireRole } from '../roles/viewer-membership.js';
import { deleteEmailProof, newInvitationToken, sendInvitationLink } from './invitation-link.js';

type Change = 'resend' | 'revoke';
const PAST: Readonly<Record<Change, string>> = { resend: 'resent', revoke: 'revoked' };

/**
 * Loads a pending invitation the viewer may manage. ADMINs manage invitations of MEMBERs,
 * OWNERs every invitation, as with memberships themselves.
 */
async function managedPendingInvite(
  tx: Prisma.TransactionClient,
  context: OrganizationContext,
  id: string,
  change: Change,
): Promise<Invite> {
  const invite = await tx.invite.findUnique({ where: { id } });
  if (!invite) throw notFound('The invitation');

  const actorRole = await requireRole(context, invite.organizationId, 'ADMIN');
  if (!mayManageRole(actorRole, invite.role)) {
    throw appError('FORBIDDEN', `Only an OWNER may ${change} an invitation as ${invite.role}.`);
  }
  if (invite.status !== 'PENDING') {
    throw appError(
      'CONFLICT',
      `Only a pending invitation can be ${PAST[change]}; this one is ${invite.status.toLowerCase()}.`,
    );
  }
  return invite;
}

/** Compare-and-set on the token hash, so of two concurrent changes only the first applies. */
async function changePending(
  tx: Prisma.TransactionClient,
  invite: Invite,
  data: Prisma.InviteUpdateManyMutationInput,
): Promise<Invite> {
  const changed = await tx.invite.updateMany({
    where: { id: invite.id, status: 'PENDING', tokenHash: invite.tokenHash },
    data,
  });
  if (changed.count === 0) {
    throw appError('CONFLICT', 'The invitation was changed meanwhile; reload it and try again.');
  }
  return tx.invite.findUniqueOrThrow({ where: { id: invite.id } });
}

/**
 * Mails a new link with a fresh expiry. The old token's hash is replaced, so the old link
 * stops opening the invitation and stops proving the address at sign-up.
 */
export function resendInvite(context: OrganizationContext, id: string): Promise<Invite> {
  return context.db.$transaction(async (tx) => {
    const invite = await managedPendingInvite(tx, context, id, 'resend');
    const token = newInvitationToken(context, new Date());

    const renewed = await changePending(tx, invite, {
      tokenHash: token.tokenHash,
      expiresAt: token.expiresAt,
    });
    await deleteEmailProof(tx, invite.tokenHash);
    await sendInvitationLink(tx, context, renewed, token);

    await recordAuditEvent(tx, context, {
      organizationId: invite.organizationId,
      action: 'invite.resent',
      targetType: 'Invite',
      targetId: invite.id,
      details: { email: invite.email, role: invite.role },
    });
    return renewed;
  });
}

/** Withdraws a pending invitation; its link then answers INVITE_REVOKED. */
export function revokeInvite(context: OrganizationContext, id: string): Promise<Invite> {
  return context.db.$transaction(async (tx) => {
    const invite = await managedPendingInvite(tx, context, id, 'revoke');

    const revoked = await changePending(tx, invite, { status: 'REVOKED', revokedAt: new Date() });
    await deleteEmailProof(tx, invite.tokenHash);

    await recordAuditEvent(tx, context, {
      organizationId: invite.organizationId,
      action: 'invite.revoked',
      targetType: 'Invite',
      targetId: invite.id,
      details: { email: invite.email, role: invite.role },
    });
    return revoked;
  });
}
