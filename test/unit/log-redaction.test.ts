import { describe, expect, it } from 'vitest';
import { captureLogs } from '../support/log-capture.js';

const SECRET = 'hunter2-very-secret-value';

/** Logs `fields` once and returns the JSON line as written. */
function logged(fields: Record<string, unknown>): string {
  const logs = captureLogs('info');
  logs.logger('test').info(fields, 'something happened');
  expect(logs.lines).toHaveLength(1);
  return logs.lines[0] ?? '';
}

describe('log redaction', () => {
  it.each([
    ['an authorization header', { req: { headers: { authorization: `Bearer ${SECRET}` } } }],
    ['a cookie header', { headers: { cookie: `session=${SECRET}` } }],
    ['a password', { password: SECRET }],
    ['a password inside an input', { input: { email: 'a@example.com', password: SECRET } }],
    ['a current and a new password', { input: { currentPassword: SECRET, newPassword: SECRET } }],
    ['a token', { token: SECRET }],
    ['an access token', { payload: { accessToken: SECRET } }],
    ['a refresh token', { payload: { refreshToken: SECRET } }],
    ['an invitation token', { input: { invitationToken: SECRET } }],
    ['an identity provider’s ID token', { tokens: { idToken: SECRET } }],
    ['a client secret', { config: { clientSecret: SECRET } }],
    ['a secret three levels down', { a: { b: { c: { secret: SECRET } } } }],
    ['a master key', { box: { masterKey: SECRET } }],
    ['a database URL', { settings: { databaseUrl: `postgresql://app:${SECRET}@db/app` } }],
    ['a Redis URL', { settings: { redisUrl: `redis://:${SECRET}@cache:6379` } }],
    ['an SMTP URL', { settings: { smtpUrl: `smtp://mail:${SECRET}@smtp:587` } }],
    [
      'configuration by variable name',
      { config: { DATABASE_URL: SECRET, SECRETS_MASTER_KEY: SECRET } },
    ],
  ])('hides %s', (_name, fields) => {
    const line = logged(fields);
    expect(line).not.toContain(SECRET);
    expect(line).toContain('[redacted]');
  });

  it('keeps what is not secret beside what it hides', () => {
    const record = JSON.parse(
      logged({ input: { email: 'a@example.com', password: SECRET }, requestId: 'r1' }),
    ) as Record<string, unknown>;
    expect(record).toMatchObject({
      input: { email: 'a@example.com', password: '[redacted]' },
      requestId: 'r1',
      msg: 'something happened',
    });
  });
});
