import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  checkOperationDocument,
  readOperationDocuments,
} from '../../tools/schema/operation-documents.js';
import { schemaFiles } from '../../tools/schema/schema-files.js';
import { readPublishedApiSchema } from './helpers.js';

const documents = await readOperationDocuments(schemaFiles.operations);

let api: GraphQLSchema;

beforeAll(async () => {
  api = await readPublishedApiSchema();
});

function check(fileName: string, source: string): readonly string[] {
  return checkOperationDocument(api, { fileName, source });
}

describe('client operations (schema/operations)', () => {
  it('holds the first set of client operations', () => {
    expect(documents.map((document) => document.fileName)).toEqual(
      expect.arrayContaining([
        'create-organization.graphql',
        'create-solution.graphql',
        'me.graphql',
        'my-solutions.graphql',
        'organization.graphql',
      ]),
    );
  });

  it.each(documents.map((document) => [document.fileName, document] as const))(
    '%s validates against schema/api.graphql',
    (_fileName, document) => {
      expect(checkOperationDocument(api, document)).toEqual([]);
    },
  );
});

describe('operation document checks', () => {
  it('reports a field the API does not have', () => {
    expect(check('me.graphql', 'query Me { me { id password } }')).toEqual([
      'Cannot query field "password" on type "User".',
    ]);
  });

  it('reports a file not named after its operation in kebab-case', () => {
    expect(check('me.graphql', 'query MySolutions { mySolutions { id } }')).toEqual([
      'holds operation "MySolutions", so it is named "my-solutions.graphql"',
    ]);
  });

  it('reports a file holding two operations', () => {
    const source = 'query Me { me { id } } query MySolutions { mySolutions { id } }';

    expect(check('me.graphql', source)).toEqual([
      'holds 2 operations; each file holds exactly one',
    ]);
  });

  it('reports an anonymous operation', () => {
    expect(check('me.graphql', '{ me { id } }')).toEqual([
      'holds an anonymous operation; operations are named',
    ]);
  });

  it('reports a syntax error', () => {
    expect(check('me.graphql', 'query Me { me { id }')).toEqual([
      'Syntax Error: Expected Name, found <EOF>.',
    ]);
  });
});
