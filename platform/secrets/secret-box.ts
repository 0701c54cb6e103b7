import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Where a sealed value lives. It is bound into the ciphertext as associated data, so a value
 * copied to another row, column or owner fails to open instead of being read as theirs.
 */
export interface SecretLocation {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
  /** The organization or user the row belongs to, when there is one. */
  readonly owner?: string;
}

/** A 256-bit master key and its id; the id travels in every sealed value. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Derives a short, stable id for a master key, so values say which key wrapped them. */
export function masterKeyFrom(key: Buffer): MasterKey {
  if (key.length !== 32) throw new SecretBoxError('A master key must be exactly 32 bytes.');
  const id = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return { id, key };
}

function associatedData(location: SecretLocation): Buffer {
  // A fixed field order with lengths, so no two locations can encode the same bytes.
  const fields = [location.table, location.column, location.rowId, location.owner ?? ''];
  return Buffer.from(fields.map((field) => `${field.length}:${field}`).join('|'), 'utf8');
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, body };
}

function decrypt(key: Buffer, nonce: Buffer, body: Buffer, aad: Buffer): Buffer {
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
    throw new SecretBoxError('The sealed value is truncated.');
  }
  const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw new SecretBoxError('The sealed value does not open here: altered, moved or wrong key.', {
      cause: error,
    });
  }
}

const encode = (buffer: Buffer) => buffer.toString('base64url');
const decode = (text: string | undefined) => Buffer.from(text ?? '', 'base64url');

/**
 * Envelope encryption for every secret we store: each value gets a fresh 256-bit data key
 * and nonce (AES-256-GCM), and the data key is itself sealed by the current master key with
 * the same associated data. Rotating the master key therefore only re-wraps data keys.
 */
export class SecretBox {
  private readonly byId: ReadonlyMap<string, MasterKey>;

  /** `current` seals; `previous` keys only open values sealed before a rotation. */
  constructor(
    private readonly current: MasterKey,
    previous: readonly MasterKey[] = [],
  ) {
    this.byId = new Map([current, ...previous].map((key) => [key.id, key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, location: SecretLocation): string {
    const aad = associatedData(location);
    const dataKey = randomBytes(32);
    const wrapped = encrypt(this.current.key, dataKey, aad);
    const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), aad);
    return [
      VERSION,
      this.current.id,
      encode(wrapped.nonce),
      encode(wrapped.body),
      encode(sealed.nonce),
      encode(sealed.body),
    ].join('.');
  }

  open(value: string, location: SecretLocation): string {
    const [version, keyId, wrapNonce, wrappedKey, nonce, body, ...rest] = value.split('.');
    if (version !== VERSION || rest.length > 0 || !keyId) {
      throw new SecretBoxError('The sealed value has an unknown format.');
    }
    const master = this.byId.get(keyId);
    if (!master) throw new SecretBoxError(`No master key with id ${keyId} is configured.`);

    const aad = associatedData(location);
    const dataKey = decrypt(master.key, decode(wrapNonce), decode(wrappedKey), aad);
    return decrypt(dataKey, decode(nonce), decode(body), aad).toString('utf8');
  }

  /** Whether a value was sealed under an older master key and should be re-sealed. */
  needsRewrap(value: string): boolean {
    return value.split('.')[1] !== this.current.id;
  }
}
