import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  masterKeyFrom,
  SecretBox,
  type SecretLocation,
} from '../../platform/secrets/secret-box.js';

const keyA = masterKeyFrom(randomBytes(32));
const keyB = masterKeyFrom(randomBytes(32));
const here: SecretLocation = {
  table: 'oauth_configs',
  column: 'client_secret_sealed',
  rowId: '5d0b6a57-0000-4000-8000-000000000001',
  owner: 'org-1',
};
const DOES_NOT_OPEN = 'The sealed value does not open here: altered, moved or wrong key.';

/** Flips one bit of the byte at `index` of the value's `part`-th base64url field. */
function flipByte(sealed: string, part: number, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(keyA);

  it('opens what it sealed, and never holds the plaintext in the sealed text', () => {
    const sealed = box.seal('client-secret-value', here);

    expect(sealed).not.toContain('client-secret-value');
    expect(sealed.split('.')[1]).toBe(keyA.id);
    expect(box.open(sealed, here)).toBe('client-secret-value');
  });

  it('seals the same value differently each time', () => {
    expect(box.seal('same', here)).not.toBe(box.seal('same', here));
  });

  it.each([
    ['another row', { ...here, rowId: '5d0b6a57-0000-4000-8000-000000000002' }],
    ['another owner', { ...here, owner: 'org-2' }],
    ['another column', { ...here, column: 'client_id' }],
    ['another table', { ...here, table: 'mail_outbox' }],
    ['no owner', { ...here, owner: undefined }],
  ])('refuses a value moved to %s', (_case, location: SecretLocation) => {
    const sealed = box.seal('secret', here);

    expect(() => box.open(sealed, location)).toThrow(DOES_NOT_OPEN);
  });

  it.each([
    ['the wrapped data key', 3],
    ['the ciphertext', 5],
  ])('refuses a value with one byte of %s flipped', (_case, part) => {
    const sealed = box.seal('secret', here);

    expect(() => box.open(flipByte(sealed, part, 0), here)).toThrow(DOES_NOT_OPEN);
  });

  it('refuses a value sealed under a master key it does not have', () => {
    const sealed = new SecretBox(keyB).seal('secret', here);

    expect(() => box.open(sealed, here)).toThrow(`No master key with id ${keyB.id} is configured.`);
  });

  it('opens values of a previous master key and says they need re-sealing', () => {
    const old = new SecretBox(keyA).seal('secret', here);
    const rotated = new SecretBox(keyB, [keyA]);

    expect(rotated.open(old, here)).toBe('secret');
    expect(rotated.needsRewrap(old)).toBe(true);
    expect(rotated.needsRewrap(rotated.seal('secret', here))).toBe(false);
  });
});
