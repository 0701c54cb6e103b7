import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL, type GraphQLResponse } from '../support/graphql-client.js';
import { identityOperations, payloadOf, uniqueEmail } from '../support/identity-operations.js';
import {
  createSharedConfig,
  freePort,
  REPOSITORY_ROOT,
  spawnChild,
  startStack,
  stopAllChildren,
  waitFor,
  type ChildHandle,
  type SharedConfig,
  type Stack,
} from '../support/processes.js';
import { NEEDS_TEST_DATABASE_URL, skipNote } from '../support/external-services.js';
import { createScratchDatabase, type ScratchDatabase } from './peers.js';
import { hiveGatewayArguments } from '../../bench/hive/hive-command.js';

const OPERATIONS_DIR = path.join(REPOSITORY_ROOT, 'schema/operations');

interface ClientOperation {
  readonly name: string;
  readonly kind: 'query' | 'mutation' | 'subscription';
  readonly document: string;
}

async function clientOperations(): Promise<ClientOperation[]> {
  const files = (await readdir(OPERATIONS_DIR)).filter((file) => file.endsWith('.graphql'));
  return Promise.all(
    files.sort().map(async (file) => {
      const document = await readFile(path.join(OPERATIONS_DIR, file), 'utf8');
      const operation = parse(document).definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === 'OperationDefinition',
      );
      if (!operation?.name) throw new Error(`${file} holds no named operation`);
      return { name: operation.name.value, kind: operation.operation, document };
    }),
  );
}

/** Starts Hive Gateway over the supergraph file, routed to the given subgraphs. */
async function startHiveGateway(stack: Stack): Promise<{ url: string; child: ChildHandle }> {
  const port = await freePort();
  const child = spawnChild({
    label: 'hive-gateway',
    command: process.execPath,
    args: hiveGatewayArguments(port),
    env: {
      NODE_ENV: 'test',
      IDENTITY_URL: stack.subgraphs.identity.url,
      ORGANIZATION_URL: stack.subgraphs.organization.url,
      FUNCTION_URL: stack.subgraphs.function.url,
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(
    'Hive Gateway to be ready',
    async () => {
      if (child.hasExited()) throw new Error(`hive-gateway exited:\n${child.output()}`);
      const response = await fetch(`${origin}/readiness`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    { timeoutMs: 30_000 },
  );
  return { url: `${origin}/graphql`, child };
}

// Four processes share one database, which the embedded one cannot be.
describe.skipIf(NEEDS_TEST_DATABASE_URL)(
  `Hive Gateway over schema/supergraph.graphql${skipNote([NEEDS_TEST_DATABASE_URL])}`,
  () => {
    let database: ScratchDatabase;
    let shared: SharedConfig;
    let stack: Stack;
    let hiveUrl: string;
    let token: string;
    let operations: ClientOperation[];

    const both = async (
      operation: { query: string; variables?: Record<string, unknown> },
      accessToken?: string,
    ): Promise<{ ours: GraphQLResponse; hive: GraphQLResponse }> => {
      const options = { token: accessToken };
      const ours = await postGraphQL(stack.gateway.url, operation, options);
      const hive = await postGraphQL(hiveUrl, operation, options);
      return { ours, hive };
    };

    beforeAll(async () => {
      database = await createScratchDatabase();
      shared = await createSharedConfig({ databaseUrl: database.url });
      stack = await startStack({ env: shared.env });
      hiveUrl = (await startHiveGateway(stack)).url;
      operations = await clientOperations();

      const signedUp = await identityOperations(stack.gateway.url).signUp({
        email: uniqueEmail('hive'),
      });
      token = payloadOf(signedUp, 'signUp').accessToken;
    });

    afterAll(async () => {
      await stopAllChildren();
      await database?.drop();
      await shared?.remove();
    });

    it('answers every client operation with the same data as our gateway', async () => {
      // Mutations first, so the queries read what they made. A repeated idempotency key makes
      // the second gateway's call return the first one's organization.
      const variables: Record<string, () => Record<string, unknown>> = {
        CreateOrganization: () => ({
          input: { name: 'Hive Co', idempotencyKey: 'compare-gateways' },
        }),
        CreateSolution: () => ({ input: { name: 'Compared solution' } }),
        Me: () => ({}),
        MySolutions: () => ({}),
        Organization: () => ({ id: organizationId, first: 1 }),
      };
      let organizationId = '';
      const ordered = [...operations].sort((left, right) =>
        left.kind === right.kind ? 0 : left.kind === 'mutation' ? -1 : 1,
      );
      expect(ordered.map(({ name }) => name).sort()).toEqual(Object.keys(variables).sort());

      for (const operation of ordered) {
        const input = variables[operation.name];
        if (!input) throw new Error(`no variables for ${operation.name}`);
        const { ours, hive } = await both({ query: operation.document, variables: input() }, token);

        expect(ours.body.errors, operation.name).toBeUndefined();
        expect(hive.body.errors, operation.name).toBeUndefined();
        if (operation.name === 'CreateSolution') {
          // Not idempotent: each gateway made a solution of its own; they match but for identity.
          const solution = {
            id: expect.any(String),
            name: 'Compared solution',
            createdAt: expect.any(String),
          };
          expect(ours.body.data).toEqual({ createSolution: solution });
          expect(hive.body.data).toEqual({ createSolution: solution });
          continue;
        }
        expect(hive.body.data, operation.name).toEqual(ours.body.data);
        if (operation.name === 'CreateOrganization') {
          organizationId = (ours.body.data?.createOrganization as { id: string }).id;
        }
      }
    });

    it('reaches the subgraphs with the caller’s token only', async () => {
      const me = operations.find(({ name }) => name === 'Me');
      if (!me) throw new Error('schema/operations has no Me operation');

      const anonymous = await both({ query: me.document });
      expect(errorCodes(anonymous.ours)).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(anonymous.hive)).toEqual(['UNAUTHENTICATED']);
      expect(anonymous.hive.body.data ?? null).toEqual(anonymous.ours.body.data ?? null);
    });
  },
);
