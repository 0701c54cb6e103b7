import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from './algorithm.js';

/**
 * The on-disk form of the signing keys: every key that may still verify a live token, and
 * which one signs new tokens. Services that only verify may be given a file whose keys have
 * no private part (`d`).
 */
export interface SigningKeyFile {
  readonly current: string;
  readonly keys: readonly StoredSigningKey[];
}

export interface StoredSigningKey {
  readonly kid: string;
  readonly createdAt: string;
  /** When another key became current; absent for the current key. */
  readonly retiredAt?: string;
  readonly jwk: JWK;
}

export class SigningKeyFileError extends Error {
  override readonly name = 'SigningKeyFileError';
}

export async function readSigningKeyFile(file: string): Promise<SigningKeyFile> {
  const text = await readFile(file, 'utf8');
  return parseSigningKeyFile(JSON.parse(text) as unknown, file);
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function parseSigningKeyFile(value: unknown, file: string): SigningKeyFile {
  const fail = (why: string): never => {
    throw new SigningKeyFileError(`Signing key file ${file} is invalid: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not a JSON object');

  const { current, keys } = value as { current?: unknown; keys?: unknown };
  if (typeof current !== 'string') return fail('"current" must name a key id');
  if (!Array.isArray(keys) || keys.length === 0) return fail('"keys" must be a non-empty array');

  const parsed = keys.map((entry: unknown, index): StoredSigningKey => {
    if (typeof entry !== 'object' || entry === null) return fail(`key ${index} is not an object`);
    const { kid, createdAt, retiredAt, jwk } = entry as Record<string, unknown>;
    if (typeof kid !== 'string' || kid === '') return fail(`key ${index} has no "kid"`);
    if (!isTimestamp(createdAt)) return fail(`key ${kid} has no valid "createdAt"`);
    if (retiredAt !== undefined && !isTimestamp(retiredAt)) {
      return fail(`key ${kid} has an invalid "retiredAt"`);
    }
    if (typeof jwk !== 'object' || jwk === null) return fail(`key ${kid} has no "jwk"`);
    const { kty, crv } = jwk as JWK;
    if (kty !== 'EC' || crv !== 'P-256') return fail(`key ${kid} is not a P-256 EC key`);
    return retiredAt === undefined
      ? { kid, createdAt, jwk: jwk as JWK }
      : { kid, createdAt, retiredAt, jwk: jwk as JWK };
  });

  if (!parsed.some((key) => key.kid === current)) return fail(`current key ${current} is absent`);
  return { current, keys: parsed };
}

async function newStoredKey(now: Date): Promise<StoredSigningKey> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { kid: randomUUID(), createdAt: now.toISOString(), jwk };
}

/** Writes atomically and readable by the owner only, since the file holds private keys. */
async function writeSigningKeyFile(file: string, content: SigningKeyFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Creates a key file with one fresh key, unless one exists already. */
export async function ensureSigningKeyFile(file: string, now = new Date()): Promise<boolean> {
  try {
    await readSigningKeyFile(file);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = await newStoredKey(now);
  await writeSigningKeyFile(file, { current: key.kid, keys: [key] });
  return true;
}

export interface KeyRotation {
  /** The new current key. */
  readonly kid: string;
  /** Keys retired long enough ago that no unexpired token can carry them, now removed. */
  readonly dropped: readonly string[];
}

/**
 * When a key stopped signing: its `retiredAt`, or, in a file written before that field
 * existed, the creation of the next newer key, which is when that one took over.
 */
function retirementOf(key: StoredSigningKey, keys: readonly StoredSigningKey[]): number {
  if (key.retiredAt) return Date.parse(key.retiredAt);
  const created = Date.parse(key.createdAt);
  const successors = keys
    .map((other) => Date.parse(other.createdAt))
    .filter((time) => time > created);
  return successors.length > 0 ? Math.min(...successors) : Number.POSITIVE_INFINITY;
}

/**
 * Adds a new key and makes it current. A retired key stays for as long as a token it signed
 * may still be unexpired: `keepRetiredForSeconds` must be the access token lifetime plus the
 * clock skew verifiers allow. Only keys retired longer ago than that are dropped, however
 * often the command runs, so rotating twice in a row never invalidates a live token.
 */
export async function rotateSigningKeyFile(
  file: string,
  options: { readonly keepRetiredForSeconds: number; readonly now?: Date },
): Promise<KeyRotation> {
  const now = options.now ?? new Date();
  const existing = await readSigningKeyFile(file);
  const key = await newStoredKey(now);
  const cutoff = now.getTime() - options.keepRetiredForSeconds * 1000;

  const retired = existing.keys.map((old) =>
    old.kid === existing.current && !old.retiredAt ? { ...old, retiredAt: now.toISOString() } : old,
  );
  const kept = retired.filter((old) => retirementOf(old, existing.keys) > cutoff);
  const dropped = retired.filter((old) => !kept.includes(old)).map((old) => old.kid);

  await writeSigningKeyFile(file, { current: key.kid, keys: [key, ...kept] });
  return { kid: key.kid, dropped };
}
