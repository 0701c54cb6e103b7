import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute paths of the files the schema tooling reads and writes. */
export const schemaFiles = {
  projectRoot,
  supergraph: join(projectRoot, 'schema/supergraph.graphql'),
  api: join(projectRoot, 'schema/api.graphql'),
  acceptedChanges: join(projectRoot, 'schema/accepted-changes.json'),
  operations: join(projectRoot, 'schema/operations'),
} as const;
