import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MembershipRole } from '../../generated/prisma/client.js';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { payloadOf, STRONG_PASSWORD } from '../support/identity-operations.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';
import { firstError, organizationHelpers, uniqueAddress, type Person } from './helpers.js';

const INVITE_FIELDS = 'id email role status expiresAt organization { id name }';

describe.each(testDatabaseKinds)('invitations (%s)', (databaseKind) => {
  let system: TestSystem;
  let smtp: SmtpPeer;
  const { gql, person, organization, auditActions, roleOf } = organizationHelpers(() => system);

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    system = await startSystem({
      databaseKind,
      env: { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '50', APP_URL: 'https://app.test' },
    });
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  const invite = (
    actor: Person,
    organizationId: string,
    email: string,
    role: MembershipRole = 'MEMBER',
    idempotencyKey?: string,
  ) =>
    gql(
      actor,
      `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { ${INVITE_FIELDS} } }`,
      { input: { organizationId, email, role, idempotencyKey } },
    );
  const resend = (actor: Person, id: string) =>
    gql(actor, `mutation ($id: ID!) { resendInvite(id: $id) { ${INVITE_FIELDS} } }`, { id });
  const revoke = (actor: Person, id: string) =>
    gql(actor, `mutation ($id: ID!) { revokeInvite(id: $id) { ${INVITE_FIELDS} } }`, { id });
  const accept = (actor: Person, token: string) =>
    gql(
      actor,
      'mutation ($token: String!) { acceptInvite(token: $token) { role organization { id name viewerRole } } }',
      { token },
    );
  const invitesOf = async (actor: Person, organizationId: string) => {
    const response = await gql(
      actor,
      'query ($id: ID!) { organization(id: $id) { invites { totalCount edges { node { email status } } } } }',
      { id: organizationId },
    );
    return (response.body.data?.organization as { invites: unknown } | null)?.invites;
  };

  const signUp = (input: { email: string; invitationToken: string }) =>
    postGraphQL(system.gatewayUrl, {
      query:
        'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id email emailVerified } } }',
      variables: { input: { ...input, password: STRONG_PASSWORD, displayName: 'Invitee' } },
    });

  /** Invites `email` as `role` and returns the invite's id and the token from its mail. */
  async function invited(
    actor: Person,
    organizationId: string,
    email: string,
    role: MembershipRole = 'MEMBER',
  ) {
    const seen = smtp.received.filter((mail) => mail.to === email).length;
    const response = await invite(actor, organizationId, email, role);
    const id = (response.body.data?.inviteMember as { id: string } | undefined)?.id;
    if (!id) throw new Error(`inviteMember failed: ${JSON.stringify(response.body)}`);
    const mail = await smtp.nextMailTo(email, seen);
    return { id, token: tokenFromMail(mail), mail };
  }

  it('invites by mail, and the invited person accepts once with the role of the invitation', async () => {
    const org = await organization('Initech');
    const invitee = await person();

    const response = await invite(org.owner, org.id, `  ${invitee.email.toUpperCase()} `, 'ADMIN');
    expect(response.body.data?.inviteMember).toMatchObject({
      email: invitee.email,
      role: 'ADMIN',
      status: 'PENDING',
      organization: { id: org.id, name: 'Initech' },
    });
    const mail = await smtp.nextMailTo(invitee.email);
    expect(mail.subject).toBe(`${org.owner.email} invited you to Initech`);
    expect(mail.text).toContain('https://app.test/accept-invite?token=inv_');
    expect(mail.text).toContain('expires in 7 days');
    const token = tokenFromMail(mail);

    const accepted = await accept(invitee, token);
    expect(accepted.body).toEqual({
      data: {
        acceptInvite: {
          role: 'ADMIN',
          organization: { id: org.id, name: 'Initech', viewerRole: 'ADMIN' },
        },
      },
    });
    expect(await invitesOf(org.owner, org.id)).toEqual({
      totalCount: 1,
      edges: [{ node: { email: invitee.email, status: 'ACCEPTED' } }],
    });
    const stored = await system.db.invite.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(stored).toMatchObject({ acceptedByUserId: invitee.id, status: 'ACCEPTED' });
    expect(stored.tokenHash).not.toContain(token);
    expect(await system.db.emailProof.count({ where: { email: invitee.email } })).toBe(0);

    const again = await accept(invitee, token);
    expect(firstError(again)).toEqual({
      code: 'INVITE_ALREADY_USED',
      message: 'The invitation has already been accepted.',
    });
    expect(await auditActions(org.id)).toEqual([
      'organization.created',
      'invite.created',
      'invite.accepted',
    ]);
  });

  it('answers an unknown token with NOT_FOUND', async () => {
    const someone = await person();
    const response = await accept(someone, 'inv_not-a-real-token');
    expect(firstError(response)).toEqual({
      code: 'NOT_FOUND',
      message: 'The invitation was not found.',
    });
  });

  it('revokes a pending invitation, after which its link answers INVITE_REVOKED', async () => {
    const org = await organization();
    const invitee = await person();
    const { id, token } = await invited(org.admin, org.id, invitee.email);

    expect((await revoke(org.admin, id)).body.data?.revokeInvite).toMatchObject({
      status: 'REVOKED',
    });
    expect(await system.db.emailProof.count({ where: { email: invitee.email } })).toBe(0);
    expect(firstError(await accept(invitee, token))).toEqual({
      code: 'INVITE_REVOKED',
      message: 'The invitation was revoked by an administrator.',
    });
    expect(firstError(await revoke(org.admin, id))).toEqual({
      code: 'CONFLICT',
      message: 'Only a pending invitation can be revoked; this one is revoked.',
    });
    expect(errorCodes(await resend(org.admin, id))).toEqual(['CONFLICT']);
    expect(await auditActions(org.id)).toEqual([
      'organization.created',
      'invite.created',
      'invite.revoked',
    ]);
  });

  it('refuses an expired invitation with INVITE_EXPIRED and lists it as EXPIRED', async () => {
    const org = await organization();
    const invitee = await person();
    const { id, token } = await invited(org.owner, org.id, invitee.email);
    await system.db.invite.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });

    expect(firstError(await accept(invitee, token))).toEqual({
      code: 'INVITE_EXPIRED',
      message: 'The invitation has expired; ask for a new one.',
    });
    expect(await invitesOf(org.owner, org.id)).toEqual({
      totalCount: 1,
      edges: [{ node: { email: invitee.email, status: 'EXPIRED' } }],
    });
    expect(await roleOf(org.id, invitee.id)).toBeNull();
  });

  it('refuses a user whose address is another or not verified with INVITE_EMAIL_MISMATCH', async () => {
    const org = await organization();
    const invitee = await person();
    const { token } = await invited(org.owner, org.id, invitee.email);

    const other = await person();
    expect(firstError(await accept(other, token))).toEqual({
      code: 'INVITE_EMAIL_MISMATCH',
      message: 'The invitation was sent to another address than the one you signed in with.',
    });

    const unverified = {
      ...invitee,
      token: await system.tokenFor(invitee.id, { email: invitee.email, emailVerified: false }),
    };
    expect(firstError(await accept(unverified, token))).toEqual({
      code: 'INVITE_EMAIL_MISMATCH',
      message: 'Verify your email address, then refresh your session to accept the invitation.',
    });

    expect(await roleOf(org.id, invitee.id)).toBeNull();
    expect((await accept(invitee, token)).body.data?.acceptInvite).toMatchObject({
      role: 'MEMBER',
    });
  });

  it('refuses someone who already belongs to the organization with ALREADY_A_MEMBER', async () => {
    const org = await organization();
    const { id, token } = await invited(org.owner, org.id, org.member.email, 'ADMIN');

    expect(firstError(await accept(org.member, token))).toEqual({
      code: 'ALREADY_A_MEMBER',
      message: 'You already belong to this organization.',
    });
    expect(await roleOf(org.id, org.member.id)).toBe('MEMBER');
    expect(await system.db.invite.findUnique({ where: { id } })).toMatchObject({
      status: 'PENDING',
    });
  });

  it('resends with a new link and voids the old one', async () => {
    const org = await organization();
    const invitee = await person();
    const first = await invited(org.owner, org.id, invitee.email);

    const resent = await resend(org.owner, first.id);
    expect(resent.body.data?.resendInvite).toMatchObject({ id: first.id, status: 'PENDING' });
    const second = tokenFromMail(await smtp.nextMailTo(invitee.email, 1));
    expect(second).not.toBe(first.token);

    expect(firstError(await accept(invitee, first.token))).toEqual({
      code: 'NOT_FOUND',
      message: 'The invitation was not found.',
    });
    expect(await system.db.emailProof.count({ where: { email: invitee.email } })).toBe(1);
    expect((await accept(invitee, second)).body.data?.acceptInvite).toMatchObject({
      role: 'MEMBER',
    });
    expect(await auditActions(org.id)).toContain('invite.resent');
  });

  it('lets a revoked or expired invitation never block a new one, but a pending one does', async () => {
    const org = await organization();
    const email = uniqueAddress();
    const revoked = await invited(org.owner, org.id, email);
    await revoke(org.owner, revoked.id);

    const expired = await invited(org.owner, org.id, email);
    await system.db.invite.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });

    await invited(org.owner, org.id, email);
    const blocked = await invite(org.owner, org.id, email);
    expect(firstError(blocked)).toEqual({
      code: 'CONFLICT',
      message: `${email} already has a pending invitation; resend or revoke it instead.`,
    });
    expect(await system.db.invite.count({ where: { organizationId: org.id } })).toBe(3);
  });

  it('returns the same invitation when a request is retried with its idempotency key', async () => {
    const org = await organization();
    const email = uniqueAddress();
    const first = await invite(org.owner, org.id, email, 'MEMBER', 'invite-1');
    const retry = await invite(org.owner, org.id, email, 'MEMBER', 'invite-1');

    expect(retry.body.data?.inviteMember).toEqual(first.body.data?.inviteMember);
    expect(await system.db.invite.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await system.db.mailMessage.count({ where: { recipient: email } })).toBe(1);
  });

  it('lets an ADMIN invite only MEMBERs, and MEMBERs and outsiders not at all', async () => {
    const org = await organization();
    for (const role of ['ADMIN', 'OWNER'] as const) {
      expect(firstError(await invite(org.admin, org.id, uniqueAddress(), role))).toEqual({
        code: 'FORBIDDEN',
        message: `Only an OWNER may invite someone as ${role}.`,
      });
    }
    expect(errorCodes(await invite(org.admin, org.id, uniqueAddress(), 'MEMBER'))).toEqual([]);
    expect(errorCodes(await invite(org.owner, org.id, uniqueAddress(), 'OWNER'))).toEqual([]);

    expect(firstError(await invite(org.member, org.id, uniqueAddress()))).toEqual({
      code: 'FORBIDDEN',
      message: 'This needs the ADMIN role in the organization.',
    });
    const outsider = await person();
    expect(errorCodes(await invite(outsider, org.id, uniqueAddress()))).toEqual(['NOT_FOUND']);
    expect(await system.db.invite.count({ where: { organizationId: org.id } })).toBe(2);
  });

  it('lets an ADMIN neither revoke nor resend an invitation as ADMIN', async () => {
    const org = await organization();
    const { id } = await invited(org.owner, org.id, uniqueAddress(), 'ADMIN');
    expect(firstError(await revoke(org.admin, id))).toEqual({
      code: 'FORBIDDEN',
      message: 'Only an OWNER may revoke an invitation as ADMIN.',
    });
    expect(errorCodes(await resend(org.admin, id))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await revoke(org.member, id))).toEqual(['FORBIDDEN']);
  });

  it('refuses an address that is not one', async () => {
    const org = await organization();
    const response = await invite(org.owner, org.id, 'not an address');
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.email');
  });

  it('signs up from the invitation link with the address verified, and accepts at once', async () => {
    const org = await organization();
    const email = uniqueAddress();
    const { token } = await invited(org.owner, org.id, email);

    const mismatch = await signUp({ email: uniqueAddress(), invitationToken: token });
    expect(firstError(mismatch)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The invitation link is not valid for this address.',
    });
    expect(mismatch.body.errors?.[0]?.extensions?.field).toBe('input.invitationToken');

    const signedUp = payloadOf(await signUp({ email, invitationToken: token }), 'signUp');
    expect(signedUp.user).toMatchObject({ email, emailVerified: true });
    expect(
      await system.db.mailMessage.count({ where: { recipient: email, template: 'verify-email' } }),
    ).toBe(0);

    const accepted = await postGraphQL(
      system.gatewayUrl,
      {
        query: 'mutation ($t: String!) { acceptInvite(token: $t) { role } }',
        variables: { t: token },
      },
      { token: signedUp.accessToken },
    );
    expect(accepted.body).toEqual({ data: { acceptInvite: { role: 'MEMBER' } } });
    expect(await roleOf(org.id, signedUp.user.id)).toBe('MEMBER');
  });

  it('refuses to sign up with an invitation link that was revoked', async () => {
    const org = await organization();
    const email = uniqueAddress();
    const { id, token } = await invited(org.owner, org.id, email);
    await revoke(org.owner, id);

    const response = await signUp({ email, invitationToken: token });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await system.db.user.count({ where: { email } })).toBe(0);
  });
  it('answers a retried acceptance from its idempotency key with the first membership', async () => {
    const org = await organization();
    const invitee = await person();
    const { token } = await invited(org.admin, org.id, invitee.email);
    const acceptWithKey = (idempotencyKey: string, inviteToken = token) =>
      gql(
        invitee,
        `mutation ($token: String!, $key: String) {
          acceptInvite(token: $token, idempotencyKey: $key) { id role organization { id } }
        }`,
        { token: inviteToken, key: idempotencyKey },
      );

    const first = await acceptWithKey('accept-1');
    const retry = await acceptWithKey('accept-1');
    expect(first.body.errors).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(await system.db.membership.count({ where: { userId: invitee.id } })).toBe(1);
    expect(firstError(await accept(invitee, token)).code).toBe('INVITE_ALREADY_USED');
    expect(firstError(await acceptWithKey('accept-1', 'inv_another-token')).code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await auditActions(org.id)).filter((action) => action === 'invite.accepted')).toEqual([
      'invite.accepted',
    ]);
  });

  it('refuses an invitation key sent again for another address', async () => {
    const org = await organization();
    const [one, two] = [uniqueAddress(), uniqueAddress()];

    const first = await invite(org.admin, org.id, one, 'MEMBER', 'invite-1');
    const retry = await invite(org.admin, org.id, ` ${one.toUpperCase()}`, 'MEMBER', 'invite-1');
    expect(first.body.errors).toBeUndefined();
    // The same address, however written, is the same input.
    expect(retry.body).toEqual(first.body);
    expect(firstError(await invite(org.admin, org.id, two, 'MEMBER', 'invite-1'))).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        'The idempotency key was already used for inviteMember with other input; send a new ' +
        'key for a new request.',
    });
    expect(await system.db.invite.count({ where: { organizationId: org.id } })).toBe(1);
  });
});
