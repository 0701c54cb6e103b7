import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Provider from 'oidc-provider';

export const DISCOVERY = '/.well-known/openid-configuration';

/**
 * Real OpenID Connect providers (`oidc-provider`) behind one HTTPS server on loopback, with a
 * self-signed certificate whose file the organization subgraph is told to trust
 * (OAUTH_ISSUER_CA_FILE). Each first path segment is a tenant, as with Okta and Entra ID:
 * `/tenant-*` is a provider for its own issuer, `/mismatch` a provider that was configured for
 * another issuer, `/moved` a redirect and `/failing` HTTP 500.
 */
export interface TestIssuers {
  readonly origin: string;
  /** The PEM file of the server's certificate, to trust. */
  readonly caFile: string;
  /** Paths requested, so a test can tell a redirect was not followed. */
  readonly requested: string[];
  close(): Promise<void>;
}

const run = promisify(execFile);

/** A throwaway certificate for 127.0.0.1 and localhost, valid one day. */
async function selfSignedCertificate(dir: string) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { key: await readFile(key), cert: await readFile(cert), certFile: cert };
}

export async function startTestIssuers(): Promise<TestIssuers> {
  const dir = await mkdtemp(path.join(tmpdir(), 'issuers-'));
  const tls = await selfSignedCertificate(dir);
  const requested: string[] = [];
  const providers = new Map<string, ReturnType<Provider['callback']>>();
  let origin = '';

  const providerFor = (tenant: string) => {
    let handler = providers.get(tenant);
    if (!handler) {
      const issuer =
        tenant === 'mismatch' ? 'https://login.example.net/other' : `${origin}/${tenant}`;
      handler = new Provider(issuer, { clients: [] }).callback();
      providers.set(tenant, handler);
    }
    return handler;
  };

  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    const url = request.url ?? '';
    requested.push(url);
    const tenant = /^\/([a-z0-9-]+)(\/.*)$/.exec(url);
    if (tenant?.[1] === 'moved') {
      response.writeHead(302, { location: `${origin}/tenant-moved${DISCOVERY}` });
      return response.end();
    }
    if (tenant?.[1] === 'failing') {
      response.writeHead(500);
      return response.end();
    }
    if (!tenant?.[1] || !tenant[2]) {
      response.writeHead(404);
      return response.end();
    }
    // The provider answers for its issuer's path, so it sees the request below the tenant.
    request.url = tenant[2];
    void providerFor(tenant[1])(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    caFile: tls.certFile,
    requested,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
