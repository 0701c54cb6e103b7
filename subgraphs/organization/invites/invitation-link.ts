import type { Invite, Prisma } from '../../../generated/prisma/client.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { requireViewer } from '../../../platform/rules/viewer-id.js';
import { newOpaqueToken, tokenHash } from '../../../platform/auth/opaque-token.js';
import type { OrganizationContext } from '../context.js';

const DAY_MS = 86_400_000;

/** A fresh invitation token: what the link carries, what we store, and when it expires. */
export interface InvitationToken {
  readonly token: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

export function newInvitationToken(context: OrganizationContext, now: Date): InvitationToken {
  const token = newOpaqueToken('inv');
  const days = context.services.config.INVITE_TTL_DAYS;
  return { token, tokenHash: tokenHash(token), expiresAt: new Date(now.getTime() + days * DAY_MS) };
}

/**
 * Stores the email proof of an invitation's current token and mails the link, inside the
 * transaction that created or renewed the invitation. The proof, keyed by the token's hash,
 * is how identity lets someone without an account sign up from the link with the address
 * already verified: holding the link shows they read mail sent to it.
 */
export async function sendInvitationLink(
  tx: Prisma.TransactionClient,
  context: OrganizationContext,
  invite: Invite,
  token: InvitationToken,
): Promise<void> {
  await tx.emailProof.create({
    data: { tokenHash: token.tokenHash, email: invite.email, expiresAt: token.expiresAt },
  });

  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: invite.organizationId },
    select: { name: true },
  });
  const link = new URL('/accept-invite', context.services.config.APP_URL);
  link.searchParams.set('token', token.token);

  await enqueueMail(tx, context.secrets, {
    template: 'invitation',
    recipient: invite.email,
    variables: {
      organizationName: organization.name,
      // Display names live in identity; the inviter's address, from their access token, is
      // what this subgraph knows and what the recipient can recognise.
      inviterName: requireViewer(context).email,
      link: link.toString(),
      expiresInDays: String(context.services.config.INVITE_TTL_DAYS),
    },
  });
}

/** Voids the email proof of a token that no longer opens its invitation. */
export async function deleteEmailProof(tx: Prisma.TransactionClient, hash: string): Promise<void> {
  await tx.emailProof.deleteMany({ where: { tokenHash: hash } });
}
