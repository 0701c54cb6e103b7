import { execute, isObjectType, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { allow, type IRules } from 'graphql-shield';
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { ANONYMOUS } from '../../platform/auth/authenticate.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import { buildSubgraph, type SubgraphDefinition } from '../../platform/server/subgraph-service.js';
import { captureLogs } from '../support/log-capture.js';
import { functionPermissions } from '../../subgraphs/function/permissions.js';
import { functionResolvers } from '../../subgraphs/function/resolvers.js';
import { identityPermissions } from '../../subgraphs/identity/permissions.js';
import { identityResolvers } from '../../subgraphs/identity/resolvers.js';
import { organizationPermissions } from '../../subgraphs/organization/permissions.js';
import { organizationResolvers } from '../../subgraphs/organization/resolvers.js';

/** The permission tests never reach the database; a client that throws proves it. */
const unreachableDb = new Proxy({} as PrismaClient, {
  get: () => {
    throw new Error('the database must not be reached');
  },
});

const definition = (
  name: SubgraphDefinition<RequestContext>['name'],
  resolvers: unknown,
  permissions: IRules,
): SubgraphDefinition<RequestContext> => ({
  name,
  resolvers: resolvers as SubgraphDefinition<RequestContext>['resolvers'],
  permissions,
  createContext: (base) => ({ ...base, db: unreachableDb, provenUserIds: new Set() }),
});

const DEFINITIONS = [
  definition('identity', identityResolvers, identityPermissions),
  definition('organization', organizationResolvers, organizationPermissions),
  definition('function', functionResolvers, functionPermissions),
];

const ROOT_TYPES = new Set(['Query', 'Mutation']);

function ruleFor(rules: IRules, type: string, field: string): unknown {
  const forType = (rules as Record<string, unknown>)[type];
  if (typeof forType !== 'object' || forType === null) return forType;
  const byField = forType as Record<string, unknown>;
  return byField[field] ?? (ROOT_TYPES.has(type) ? undefined : byField['*']);
}

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType =>
      isObjectType(type) && !type.name.startsWith('__') && type.name !== '_Service',
  );
}

describe.each(DEFINITIONS)('permissions of the $name subgraph', (definition) => {
  const schema = buildSubgraph(definition);

  it('names a rule for every field of Query and Mutation, without wildcards', () => {
    const missing: string[] = [];
    for (const type of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.keys(type?.getFields() ?? {})) {
        if (!ruleFor(definition.permissions, type!.name, field))
          missing.push(`${type!.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('covers every field of every other object type, explicitly or by a type-wide rule', () => {
    const missing: string[] = [];
    for (const type of objectTypes(schema)) {
      for (const field of Object.keys(type.getFields())) {
        if (!ruleFor(definition.permissions, type.name, field))
          missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the deny fallback', () => {
  it('refuses a field that has no rule, even to a caller who may read everything else', async () => {
    const identity = DEFINITIONS[0]!;
    const withoutMe = { ...identity.permissions, Query: { _entities: allow } } as IRules;
    const schema = buildSubgraph({ ...identity, permissions: withoutMe });

    const logs = captureLogs();
    const result = await execute({
      schema,
      document: parse('{ me { id } }'),
      contextValue: identity.createContext({
        requestId: 'r1',
        logger: logs.logger('test'),
        auth: ANONYMOUS,
        clientAddress: '127.0.0.1',
      }),
    });

    expect(result.data).toEqual({ me: null });
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.message).toBe('You may not perform this operation.');
  });
});
