import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../support/graphql-client.js';
import { identityOperations, payloadOf, uniqueEmail } from '../support/identity-operations.js';
import { startSystem, type TestSystem } from '../support/system.js';

// Distinctive enough that any occurrence in a log line is this password and nothing else.
const PASSWORD = 'Quokka-lantern-7319-zephyr';
const WRONG_PASSWORD = 'Wombat-harbour-8426-mistral';

describe('passwords and tokens in the logs of a real sign-in', () => {
  let system: TestSystem;
  const secrets: string[] = [PASSWORD, WRONG_PASSWORD];

  beforeAll(async () => {
    system = await startSystem({ databaseKind: 'pglite' });
    const api = identityOperations(system.gatewayUrl);
    const email = uniqueEmail('logged');

    const signedUp = payloadOf(await api.signUp({ email, password: PASSWORD }), 'signUp');
    const signedIn = payloadOf(await api.signIn({ email, password: PASSWORD }), 'signIn');
    expect(errorCodes(await api.signIn({ email, password: WRONG_PASSWORD }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    // A password over the length limit fails validation, whose messages quote inputs.
    const tooLong = `${PASSWORD}${'x'.repeat(300)}`;
    secrets.push(tooLong);
    expect(errorCodes(await api.signIn({ email, password: tooLong })).length).toBe(1);
    secrets.push(signedUp.accessToken, signedUp.refreshToken, signedIn.refreshToken);
  });

  afterAll(() => system?.stop());

  it('were logged about, at debug level, on the gateway and identity', () => {
    const services = new Set(system.logs.records().map((record) => record.service));
    expect(services).toContain('gateway');
    expect(services).toContain('identity');
    expect(system.logs.records('graphql request').length).toBeGreaterThanOrEqual(8);
  });

  it('never contain the password, a wrong password or a token', () => {
    for (const secret of secrets) {
      const leaking = system.logs.lines.filter((line) => line.includes(secret));
      expect(leaking, secret.slice(0, 12)).toEqual([]);
    }
  });
});
