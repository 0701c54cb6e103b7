import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCommand, skipNote } from '../support/external-services.js';
import { startSystem, type TestSystem } from '../support/system.js';

/** A self-signed certificate for 127.0.0.1, made with the system's OpenSSL. */
async function selfSignedCertificate(): Promise<{ cert: string; key: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function postOverTls(url: string, ca: string, body: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const outgoing = request(
        url,
        { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    },
  );
}

const noOpenssl = findCommand('openssl') ? undefined : 'openssl is not installed';

describe.skipIf(noOpenssl)(
  `the gateway serving HTTPS itself in production${skipNote([noOpenssl])}`,
  () => {
    let system: TestSystem;
    let ca: string;

    beforeAll(async () => {
      const files = await selfSignedCertificate();
      ca = await readFile(files.cert, 'utf8');
      system = await startSystem({
        databaseKind: 'pglite',
        gatewayEnv: { NODE_ENV: 'production', TLS_CERT_FILE: files.cert, TLS_KEY_FILE: files.key },
      });
    });

    afterAll(() => system?.stop());

    it('answers over TLS with HSTS', async () => {
      expect(system.gatewayUrl).toMatch(/^https:/);
      const response = await postOverTls(system.gatewayUrl, ca, '{"query":"{ __typename }"}');
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ data: { __typename: 'Query' } });
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    });
  },
);
