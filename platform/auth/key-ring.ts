import { watch } from 'node:fs';
import path from 'node:path';
import {
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from './algorithm.js';
import { readSigningKeyFile, type SigningKeyFile } from './signing-key-file.js';

interface LoadedKey {
  readonly kid: string;
  readonly publicKey: CryptoKey;
  readonly privateKey?: CryptoKey;
  readonly publicJwk: JWK;
}

/** A key that may sign: the private half and the id every token names in its header. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

/**
 * Re-reading the key file is cheap but not free; an unknown `kid` triggers it at most this
 * often.
 */
const RELOAD_INTERVAL_MS = 5_000;

function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y };
}

async function loadKeys(file: SigningKeyFile): Promise<Map<string, LoadedKey>> {
  const loaded = new Map<string, LoadedKey>();
  for (const stored of file.keys) {
    const publicJwk = publicPart(stored.jwk);
    const publicKey = (await importJWK(publicJwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey;
    const privateKey = stored.jwk.d
      ? ((await importJWK(stored.jwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey)
      : undefined;
    loaded.set(stored.kid, { kid: stored.kid, publicKey, privateKey, publicJwk });
  }
  return loaded;
}

/**
 * The signing and verification keys of one service, read from the key file. When a token
 * names a key this process has not seen, the file is read again, so a rotation done by the
 * `keys:rotate` command reaches every running service without a restart.
 */
export class KeyRing {
  private lastReload = 0;
  private reloading: Promise<void> | undefined;

  private constructor(
    private readonly file: string,
    private current: string,
    private keys: Map<string, LoadedKey>,
  ) {}

  static async fromFile(file: string): Promise<KeyRing> {
    const content = await readSigningKeyFile(file);
    const ring = new KeyRing(file, content.current, await loadKeys(content));
    ring.lastReload = Date.now();
    return ring;
  }

  /**
   * Follows the key file: a rotation written by `npm run keys:rotate` makes the new key
   * current here too, for signing and in the JWKS, within a moment. Returns a stop function.
   */
  watch(onError: (error: unknown) => void): () => void {
    const directory = path.dirname(this.file);
    const name = path.basename(this.file);
    let timer: NodeJS.Timeout | undefined;
    // The file is replaced by rename, so the directory is watched rather than the file.
    const watcher = watch(directory, (_event, changed) => {
      if (changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => this.reload().catch(onError), 50);
      timer.unref();
    });
    watcher.unref();
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  /** Re-reads the key file now; a rotation on disk takes effect for signing as well. */
  async reload(): Promise<void> {
    const content = await readSigningKeyFile(this.file);
    this.keys = await loadKeys(content);
    this.current = content.current;
    this.lastReload = Date.now();
  }

  get currentKid(): string {
    return this.current;
  }

  signingKey(): SigningKey {
    const key = this.keys.get(this.current);
    if (!key?.privateKey) {
      throw new TypeError(`Key ${this.current} has no private part; this service cannot sign.`);
    }
    return { kid: key.kid, privateKey: key.privateKey };
  }

  /** The public key the ring holds for `kid` now; undefined once it has left the ring. */
  readonly publicKeyOf = (kid: string): CryptoKey | undefined => this.keys.get(kid)?.publicKey;

  /** The key resolver handed to `jwtVerify`; only a header that names a known key passes. */
  readonly verificationKey = async (header: JWSHeaderParameters): Promise<CryptoKey> => {
    const kid = header.kid;
    if (typeof kid !== 'string') throw new KeyNotFoundError('The token header names no key.');

    const known = this.keys.get(kid) ?? (await this.reloadFor(kid));
    if (!known) throw new KeyNotFoundError('The token is signed with an unknown key.');
    return known.publicKey;
  };

  private async reloadFor(kid: string): Promise<LoadedKey | undefined> {
    if (Date.now() - this.lastReload >= RELOAD_INTERVAL_MS) {
      this.lastReload = Date.now();
      this.reloading ??= this.reload()
        .catch(() => undefined)
        .finally(() => {
          this.reloading = undefined;
        });
    }
    await this.reloading;
    return this.keys.get(kid);
  }

  /** The public keys as a JWKS document (RFC 7517, section 5), current key first. */
  jwks(): JSONWebKeySet {
    const ordered = [...this.keys.values()].sort((a) => (a.kid === this.current ? -1 : 0));
    return {
      keys: ordered.map((key) => ({
        ...key.publicJwk,
        kid: key.kid,
        alg: ACCESS_TOKEN_ALGORITHM,
        use: 'sig',
      })),
    };
  }
}

export class KeyNotFoundError extends Error {
  override readonly name = 'KeyNotFoundError';
}
