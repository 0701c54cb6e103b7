import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOperations, payloadOf, STRONG_PASSWORD } from '../support/identity-operations.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';
import { organizationHelpers, uniqueAddress, uniqueDomain } from './helpers.js';

describe('automatic joining through a verified AUTO domain', () => {
  let system: TestSystem;
  let smtp: SmtpPeer;
  const helpers = organizationHelpers(() => system);

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    system = await startSystem({ databaseKind: 'pglite', env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('joins a new user as MEMBER when they verify an address at the domain', async () => {
    const organization = await helpers.organization();
    const domain = uniqueDomain();
    await helpers.addDomain(organization.id, domain, 'AUTO');
    const api = identityOperations(system.gatewayUrl);

    const email = uniqueAddress(domain);
    const signedUp = payloadOf(await api.signUp({ email }), 'signUp');
    expect(await system.db.membership.count({ where: { userId: signedUp.user.id } })).toBe(0);

    await api.verifyEmail(tokenFromMail(await smtp.nextMailTo(email)));

    let membership = await system.db.membership.findFirst({ where: { userId: signedUp.user.id } });
    while (!membership) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      membership = await system.db.membership.findFirst({ where: { userId: signedUp.user.id } });
    }
    expect(membership).toMatchObject({ organizationId: organization.id, role: 'MEMBER' });

    const signedIn = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    const memberships = await helpers.gql(
      { id: signedUp.user.id, email, token: signedIn.accessToken },
      '{ me { memberships { role organization { id } } } }',
    );
    expect(memberships.body.data).toEqual({
      me: { memberships: [{ role: 'MEMBER', organization: { id: organization.id } }] },
    });
    const audit = await system.db.auditEvent.findFirst({
      where: { organizationId: organization.id, action: 'member.auto_provisioned' },
    });
    expect(audit).toMatchObject({ actorUserId: signedUp.user.id, targetId: signedUp.user.id });
  });

  it('leaves people at a REQUEST domain to ask', async () => {
    const organization = await helpers.organization();
    const domain = uniqueDomain();
    await helpers.addDomain(organization.id, domain, 'REQUEST');
    const api = identityOperations(system.gatewayUrl);
    const email = uniqueAddress(domain);
    const signedUp = payloadOf(await api.signUp({ email }), 'signUp');
    await api.verifyEmail(tokenFromMail(await smtp.nextMailTo(email)));
    // The verification's own event is handled by now when a later request sees the same feed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await system.db.membership.count({ where: { userId: signedUp.user.id } })).toBe(0);
  });
});
