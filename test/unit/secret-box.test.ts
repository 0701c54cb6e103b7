import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretBox } from '../../platform/secrets/load-secret-box.js';
import {
  masterKeyFrom,
  SecretBox,
  type SecretLocation,
} from '../../platform/secrets/secret-box.js';
import { captureLogs } from '../support/log-capture.js';

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
    ['the nonce of the wrapped data key', 2],
    ['the wrapped data key', 3],
    ['the nonce of the ciphertext', 4],
    ['the ciphertext', 5],
  ])('refuses a value with one byte of %s flipped', (_case, part) => {
    const sealed = box.seal('secret', here);

    expect(() => box.open(flipByte(sealed, part, 0), here)).toThrow(DOES_NOT_OPEN);
  });

  it.each([0, 11])('refuses a value whose nonce has byte %i flipped, first or last', (index) => {
    const sealed = box.seal('secret', here);

    expect(() => box.open(flipByte(sealed, 2, index), here)).toThrow(DOES_NOT_OPEN);
    expect(() => box.open(flipByte(sealed, 4, index), here)).toThrow(DOES_NOT_OPEN);
  });

  it('refuses a value whose key id was changed, to an unknown key or to another known one', () => {
    const both = new SecretBox(keyA, [keyB]);
    const sealed = both.seal('secret', here);
    const parts = sealed.split('.');
    const flipped = `${parts[1]?.slice(0, -1)}${parts[1]?.endsWith('0') ? '1' : '0'}`;

    expect(() => both.open([parts[0], flipped, ...parts.slice(2)].join('.'), here)).toThrow(
      `No master key with id ${flipped} is configured.`,
    );
    // Naming the other configured key makes it unwrap with the wrong key, which GCM detects.
    expect(() => both.open([parts[0], keyB.id, ...parts.slice(2)].join('.'), here)).toThrow(
      DOES_NOT_OPEN,
    );
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

describe('loadSecretBox without SECRETS_MASTER_KEY', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function load(dataDir: string, production = false) {
    const logs = captureLogs();
    const box = await loadSecretBox({
      masterKey: undefined,
      previousMasterKeys: undefined,
      dataDir,
      production,
      logger: logs.logger('test'),
    });
    return { box, warnings: logs.records().filter((record) => record.level === 'warn') };
  }

  it('generates a key under DATA_DIR once and warns at every start that uses it', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'secret-box-')), 'data');
    dirs.push(path.dirname(dataDir));
    const file = path.join(dataDir, 'secrets-master-key');
    const message =
      'secrets are sealed with a generated master key for development; set SECRETS_MASTER_KEY';

    const first = await load(dataDir);
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    expect(key).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.box.currentKeyId).toBe(masterKeyFrom(key).id);
    expect(first.warnings.map((record) => [record.msg, record.file, record.generated])).toEqual([
      [message, file, true],
    ]);

    const second = await load(dataDir);
    expect(second.box.currentKeyId).toBe(first.box.currentKeyId);
    expect(second.box.open(first.box.seal('kept', here), here)).toBe('kept');
    expect(second.warnings.map((record) => [record.msg, record.generated])).toEqual([
      [message, false],
    ]);
    // The warning names the file, never the key.
    expect(JSON.stringify([...first.warnings, ...second.warnings])).not.toContain(
      key.toString('base64'),
    );
  });

  it('refuses to start in production without a master key', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'secret-box-'));
    dirs.push(dataDir);

    await expect(load(dataDir, true)).rejects.toThrow(
      'SECRETS_MASTER_KEY is required in production.',
    );
  });
});
