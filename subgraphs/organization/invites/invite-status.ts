import type { Invite } from '../../../generated/prisma/client.js';
import type { InviteStatus } from '../generated/resolvers-types.js';

/** The status clients see: a pending invitation past its expiry reads as EXPIRED. */
export function inviteStatus(invite: Invite, now = new Date()): InviteStatus {
  if (invite.status === 'PENDING' && invite.expiresAt <= now) return 'EXPIRED';
  return invite.status;
}
