import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../../gateway/config.js';
import { ConfigError } from '../../platform/config/config-error.js';
import { loadConfig } from '../../platform/config/load-config.js';
import { subgraphConfigSchema } from '../../platform/server/subgraph-config.js';

const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration from the environment', () => {
  it('has defaults that start a development system with nothing set', () => {
    const config = loadConfig(gatewayConfigSchema, {});
    expect(config).toMatchObject({ GATEWAY_PORT: 4000, MAX_DEPTH: 12, NODE_ENV: 'development' });
  });

  it('names each malformed variable', () => {
    const problems = problemsOf(() =>
      loadConfig(gatewayConfigSchema, {
        GATEWAY_PORT: 'eighty',
        IDENTITY_URL: 'ftp://identity',
        EXPOSE_ERROR_DETAILS: 'maybe',
        ORGANIZATION_TIMEOUT_MS: '-5',
      }),
    );
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'EXPOSE_ERROR_DETAILS',
      'GATEWAY_PORT',
      'IDENTITY_URL',
      'ORGANIZATION_TIMEOUT_MS',
    ]);
  });

  it('leaves the subgraphs’ database, secrets and Redis settings to them', () => {
    const subgraphOnly = {
      DATABASE_URL: 'mysql://db',
      REDIS_URL: 'memcached://cache',
      SECRETS_MASTER_KEY: 'anything',
    };
    const gateway = loadConfig(gatewayConfigSchema, subgraphOnly);
    expect(gateway).not.toHaveProperty('DATABASE_URL');
    expect(gateway).not.toHaveProperty('SECRETS_MASTER_KEY');

    const problems = problemsOf(() =>
      loadConfig(subgraphConfigSchema('identity', {}), subgraphOnly),
    );
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['DATABASE_URL', 'REDIS_URL']);
  });

  it('bounds each subgraph by SUBGRAPH_TIMEOUT_MS unless it has its own timeout', () => {
    const config = loadConfig(gatewayConfigSchema, {
      SUBGRAPH_TIMEOUT_MS: '3000',
      FUNCTION_TIMEOUT_MS: '250',
    });
    expect(config).toMatchObject({ SUBGRAPH_TIMEOUT_MS: 3000, FUNCTION_TIMEOUT_MS: 250 });
    expect(config.IDENTITY_TIMEOUT_MS).toBeUndefined();
  });

  it('demands provisioned keys and TLS settings in production', () => {
    const problems = problemsOf(() => loadConfig(gatewayConfigSchema, { NODE_ENV: 'production' }));
    expect(problems.join('\n')).toContain('SIGNING_KEYS_FILE: is required in production');
    expect(problems.join('\n')).toContain('TRUSTED_PROXIES: production needs');
  });

  it('refuses the error-details flag in production', () => {
    const problems = problemsOf(() =>
      loadConfig(subgraphConfigSchema('identity', {}), {
        NODE_ENV: 'production',
        SIGNING_KEYS_FILE: '/keys.json',
        SECRETS_MASTER_KEY: 'a2V5',
        EXPOSE_ERROR_DETAILS: 'true',
      }),
    );
    expect(problems).toEqual(['EXPOSE_ERROR_DETAILS: must not be enabled in production']);
  });

  it('stops a service started alone with a message naming the variable', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/identity/main.ts'], {
      cwd: root,
      env: { ...process.env, IDENTITY_PORT: 'not-a-port' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('IDENTITY_PORT');
  });

  it.each([
    ['scripts/db-migrate.ts', 'db:migrate', { DATABASE_URL: 'mysql://db/app' }, 'DATABASE_URL'],
    [
      'scripts/keys-rotate.ts',
      'keys:rotate',
      { ACCESS_TOKEN_TTL_SECONDS: 'soon' },
      'ACCESS_TOKEN_TTL_SECONDS',
    ],
    [
      'scripts/secrets-rotate.ts',
      'secrets:rotate',
      { DATABASE_URL: 'db.internal' },
      'DATABASE_URL',
    ],
  ])(
    'stops %s before any work with a message naming the variable',
    (script, command, env, name) => {
      const root = path.resolve(import.meta.dirname, '../..');
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: root,
        env: { PATH: process.env.PATH, DATA_DIR: '/nonexistent/never-created', ...env },
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${command} failed: Invalid configuration`);
      expect(result.stderr).toContain(`\n  - ${name}: `);
    },
  );
});
