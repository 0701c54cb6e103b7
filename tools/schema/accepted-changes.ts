import { readFile } from 'node:fs/promises';

import { ChangeType } from '@graphql-inspector/core';
import { z } from 'zod';

const changeTypes = Object.values(ChangeType);

const acceptedChangeSchema = z
  .object({
    // @graphql-inspector/core's change type, e.g. FIELD_REMOVED.
    type: z.enum(changeTypes, {
      error: (issue) => `unknown change type ${JSON.stringify(issue.input)}, e.g. FIELD_REMOVED`,
    }),
    // The change's path as the inspector reports it, e.g. Query.me; empty for schema-wide ones.
    path: z.string(),
    // Kept even when empty so the classifier can say which entry lacks its reason.
    reason: z.string(),
  })
  .strict();

const acceptedChangesSchema = z.array(acceptedChangeSchema);

/** One breaking change of the public API that a person decided to ship, and why. */
export type AcceptedChange = Readonly<z.infer<typeof acceptedChangeSchema>>;

/** Checks the parsed content of schema/accepted-changes.json. */
export function parseAcceptedChanges(json: unknown): readonly AcceptedChange[] {
  const result = acceptedChangesSchema.safeParse(json);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `  - ${where}: ${issue.message}`;
  });
  throw new Error(`accepted-changes.json is malformed:\n${issues.join('\n')}`);
}

/** Reads and checks an accepted-changes file. */
export async function readAcceptedChanges(path: string): Promise<readonly AcceptedChange[]> {
  const text = await readFile(path, 'utf8');

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`accepted-changes.json is not valid JSON: ${detail}`, { cause: error });
  }
  return parseAcceptedChanges(json);
}
