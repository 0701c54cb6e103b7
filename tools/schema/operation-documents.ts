import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { DocumentNode, GraphQLSchema } from 'graphql';
import { Kind, parse, validate } from 'graphql';

/** One client operation file from schema/operations. */
export interface OperationDocument {
  readonly fileName: string;
  readonly source: string;
}

/** Reads every .graphql file in a folder, sorted by name so output stays stable. */
export async function readOperationDocuments(
  folder: string,
): Promise<readonly OperationDocument[]> {
  const fileNames = (await readdir(folder)).filter((name) => name.endsWith('.graphql')).sort();
  return Promise.all(
    fileNames.map(async (fileName) => ({
      fileName,
      source: await readFile(join(folder, fileName), 'utf8'),
    })),
  );
}

/**
 * Lists what is wrong with one operation file: syntax, the one-named-operation-per-file rule
 * with the file named after the operation in kebab-case, and validation against the schema.
 */
export function checkOperationDocument(
  schema: GraphQLSchema,
  document: OperationDocument,
): readonly string[] {
  let parsed: DocumentNode;
  try {
    parsed = parse(document.source);
  } catch (error: unknown) {
    return [error instanceof Error ? error.message : String(error)];
  }

  const problems: string[] = [];

  const operations = parsed.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (operations.length !== 1 || operation === undefined) {
    problems.push(`holds ${operations.length} operations; each file holds exactly one`);
  } else if (operation.name === undefined) {
    problems.push('holds an anonymous operation; operations are named');
  } else {
    const expected = `${kebabCase(operation.name.value)}.graphql`;
    if (document.fileName !== expected) {
      problems.push(`holds operation "${operation.name.value}", so it is named "${expected}"`);
    }
  }

  for (const error of validate(schema, parsed)) problems.push(error.message);

  return problems;
}

function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
