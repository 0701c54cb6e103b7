import { readdirSync } from 'node:fs';

import type { CodegenConfig } from '@graphql-codegen/cli';

import { formatGenerated } from './tools/schema/format-generated.js';
import { schemaFiles } from './tools/schema/schema-files.js';

type OutputConfig = Exclude<CodegenConfig['generates'][string], readonly unknown[]>;

// Mappers name what resolvers hand out for a GraphQL type (mostly Prisma rows), so that
// field resolvers are typed against the row rather than against the GraphQL shape.
const subgraphs = [
  {
    name: 'identity',
    context: 'IdentityContext',
    mappers: {
      User: '../models.js#UserModel',
      AuthPayload: '../models.js#AuthPayloadModel',
      Session: '../models.js#SessionModel',
    },
  },
  {
    name: 'organization',
    context: 'OrganizationContext',
    mappers: {
      Organization: '../models.js#OrganizationModel',
      Membership: '../models.js#MembershipModel',
      MembershipConnection: '../models.js#MembershipConnectionModel',
      MembershipEdge: '../models.js#MembershipEdgeModel',
      Invite: '../models.js#InviteModel',
      InviteConnection: '../models.js#InviteConnectionModel',
      InviteEdge: '../models.js#InviteEdgeModel',
      JoinRequest: '../models.js#JoinRequestModel',
      JoinRequestConnection: '../models.js#JoinRequestConnectionModel',
      JoinRequestEdge: '../models.js#JoinRequestEdgeModel',
      Domain: '../models.js#DomainModel',
      DomainConnection: '../models.js#DomainConnectionModel',
      DomainEdge: '../models.js#DomainEdgeModel',
      OAuthConfig: '../models.js#OAuthConfigModel',
      OAuthConfigConnection: '../models.js#OAuthConfigConnectionModel',
      OAuthConfigEdge: '../models.js#OAuthConfigEdgeModel',
      AuditEvent: '../models.js#AuditEventModel',
      AuditEventConnection: '../models.js#AuditEventConnectionModel',
      AuditEventEdge: '../models.js#AuditEventEdgeModel',
      User: '../models.js#UserReference',
    },
  },
  {
    name: 'function',
    context: 'FunctionContext',
    mappers: {
      Solution: '../models.js#SolutionModel',
      User: '../models.js#UserReference',
    },
  },
] as const;

// Sorted explicitly so the generated client lists operations in the same order on every
// machine, whatever order the file system returns.
const operationDocuments = readdirSync(schemaFiles.operations)
  .filter((name) => name.endsWith('.graphql'))
  .sort()
  .map((name) => `schema/operations/${name}`);

function subgraphResolverTypes(subgraph: (typeof subgraphs)[number]): OutputConfig {
  return {
    schema: `schema/${subgraph.name}.graphql`,
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      // Adds __resolveReference and the reference types for every @key entity.
      federation: true,
      contextType: `../context.js#${subgraph.context}`,
      mappers: subgraph.mappers,
      useIndexSignature: true,
      useTypeImports: true,
      enumsAsTypes: true,
      strictScalars: true,
      scalars: {
        // Resolvers may return either; the DateTime scalar serializes both.
        DateTime: { input: 'Date | string', output: 'Date | string' },
        // The selection set of @key(fields:), which the federation directives carry as text.
        _FieldSet: 'string',
      },
    },
  };
}

const clientSchema = { schema: 'schema/api.graphql', documents: operationDocuments } as const;

const clientOperations: OutputConfig = {
  ...clientSchema,
  // typescript-operations 6 emits the input types and enums the operations use by itself.
  plugins: ['typescript-operations', 'typed-document-node'],
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    strictScalars: true,
    // DateTime reaches the browser as the ISO 8601 string the gateway sent.
    scalars: { DateTime: 'string' },
    // Every selected field is present in a response; variables stay optional where the
    // schema lets them be.
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    // The hooks below import documents by operation name, the one naming their external mode
    // supports, so the typed documents carry no suffix: Me, CreateOrganization.
    documentVariableSuffix: '',
  },
};

// The hooks live in a file of their own because typescript-react-apollo cannot share a file
// with typed-document-node: both would declare the same document constants.
const clientHooks: OutputConfig = {
  ...clientSchema,
  plugins: ['typescript-react-apollo'],
  config: {
    withHooks: true,
    useTypeImports: true,
    documentMode: 'external',
    importDocumentNodeExternallyFrom: './graphql.js',
    importOperationTypesFrom: 'Operations',
    importExtension: '.js',
  },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(
      subgraphs.map((subgraph) => [
        `subgraphs/${subgraph.name}/generated/resolvers-types.ts`,
        subgraphResolverTypes(subgraph),
      ]),
    ),
    'client/generated/graphql.ts': clientOperations,
    'client/generated/hooks.ts': clientHooks,
  },
  hooks: { beforeOneFileWrite: [formatGenerated] },
};

export default config;
