import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../platform/graphql/email-address.js';
import { normalizeAccount } from '../../platform/rate-limit/throttle-keys.js';

const failureOf = (raw: string) => {
  try {
    normalizeEmail(raw, 'input.email');
    return undefined;
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
};

describe('normalizeEmail', () => {
  it('trims and lower-cases the whole address', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ', 'email')).toBe('ada.lovelace@example.com');
  });

  it('folds fullwidth look-alikes into the plain address, as the throttle keys do', () => {
    const fullwidth = 'ＡＤＡ@ｅｘａｍｐｌｅ.ｃｏｍ';
    expect(normalizeEmail(fullwidth, 'email')).toBe('ada@example.com');
    expect(normalizeAccount(fullwidth)).toBe(normalizeEmail(fullwidth, 'email'));
  });

  it('refuses an address without a valid domain, naming the field', () => {
    const failure = failureOf('ada@localhost');
    expect(failure?.message).toBe('The email address is not valid.');
    expect(failure?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });

  it('refuses an address longer than RFC 5321 allows', () => {
    const failure = failureOf(`${'a'.repeat(60)}@${'b'.repeat(190)}.com`);
    expect(failure?.message).toBe('The email address must be at most 254 characters.');
  });
});
