import type { Invite, Membership } from '../../../generated/prisma/client.js';
import { isUniqueViolation } from '../../../platform/db/prisma-errors.js';
import { appError } from '../../../platform/errors/app-error.js';
import { requireViewer } from '../../../platform/rules/viewer-id.js';
import { tokenHash } from '../../../platform/auth/opaque-token.js';
import { foldEmail } from '../../../platform/graphql/email-address.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';
import { createRecordingKey, earlierResult } from '../idempotency/idempotent-create.js';
import { deleteEmailProof } from './invitation-link.js';

const notFound = () => appError('NOT_FOUND', 'The invitation was not found.');
const alreadyMember = () =>
  appError('ALREADY_A_MEMBER', 'You already belong to this organization.');

/** Refuses an invitation that can no longer be accepted, with a code for each reason. */
function assertOpen(invite: Invite, now: Date): void {
  switch (invite.status) {
    case 'REVOKED':
      throw appError('INVITE_REVOKED', 'The invitation was revoked by an administrator.');
    case 'ACCEPTED':
      throw appError('INVITE_ALREADY_USED', 'The invitation has already been accepted.');
    case 'PENDING':
      if (invite.expiresAt <= now) {
        throw appError('INVITE_EXPIRED', 'The invitation has expired; ask for a new one.');
      }
      return;
  }
}

/**
 * The viewer's address must be the invited one and verified. Both come from the access token,
 * which is issued with the state of the account at that moment: someone who verified their
 * address after signing in has to refresh their session before accepting.
 */
function assertInvitedAddress(context: OrganizationContext, invite: Invite): void {
  const viewer = requireViewer(context);
  if (!viewer.emailVerified) {
    throw appError(
      'INVITE_EMAIL_MISMATCH',
      'Verify your email address, then refresh your session to accept the invitation.',
    );
  }
  if (foldEmail(viewer.email) !== invite.email) {
    throw appError(
      'INVITE_EMAIL_MISMATCH',
      'The invitation was sent to another address than the one you signed in with.',
    );
  }
}

/**
 * Accepts an invitation as the signed-in user: the membership is created, the invitation
 * marked used and its email proof dropped, all in one transaction. The invitation is claimed
 * by a conditional update, so of two concurrent accepts exactly one wins. With an idempotency
 * key, a retry after a lost answer gets the membership the first attempt made instead of
 * INVITE_ALREADY_USED.
 */
export async function acceptInvite(
  context: OrganizationContext,
  args: { readonly token: string; readonly idempotencyKey?: string | null },
): Promise<Membership> {
  const { userId } = requireViewer(context);
  const hash = tokenHash(args.token);
  const now = new Date();
  const scope = {
    userId,
    operation: 'acceptInvite',
    key: args.idempotencyKey,
    // The token's hash, never the token, is what the fingerprint is made of.
    input: { tokenHash: hash },
    field: 'idempotencyKey',
  };
  const load = (id: string) => context.db.membership.findUnique({ where: { id } });
  const earlier = await earlierResult(context.db, scope, load);
  if (earlier) return earlier;

  const invite = await context.db.invite.findUnique({ where: { tokenHash: hash } });
  if (!invite) throw notFound();
  assertOpen(invite, now);
  assertInvitedAddress(context, invite);

  let membership: Membership;
  try {
    membership = await createRecordingKey(
      context.db,
      scope,
      async (tx) => {
        const claimed = await tx.invite.updateMany({
          where: { id: invite.id, tokenHash: hash, status: 'PENDING', expiresAt: { gt: now } },
          data: { status: 'ACCEPTED', acceptedAt: now, acceptedByUserId: userId },
        });
        if (claimed.count === 0) {
          // Revoked, accepted, resent or expired since the checks above: report what it is now.
          const current = await tx.invite.findUnique({ where: { tokenHash: hash } });
          if (!current) throw notFound();
          assertOpen(current, new Date());
          throw appError('CONFLICT', 'The invitation was changed meanwhile; try again.');
        }

        const existing = await tx.membership.findUnique({
          where: { organizationId_userId: { organizationId: invite.organizationId, userId } },
          select: { id: true },
        });
        if (existing) throw alreadyMember();

        const created = await tx.membership.create({
          data: { organizationId: invite.organizationId, userId, role: invite.role },
        });
        await deleteEmailProof(tx, hash);
        await recordAuditEvent(tx, context, {
          organizationId: invite.organizationId,
          action: 'invite.accepted',
          targetType: 'Invite',
          targetId: invite.id,
          details: { email: invite.email, role: invite.role },
        });
        return created;
      },
      load,
    );
  } catch (error) {
    // A membership made at the same moment by another path (a join request, say).
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }

  // Permission rules on the returned membership read the viewer's role afresh.
  context.loaders.viewerRole.clear(invite.organizationId);
  return membership;
}
