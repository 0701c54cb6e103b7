import { format, resolveConfig } from 'prettier';

/**
 * Formats a generated file with the project's Prettier settings. Codegen runs it before
 * writing, and the staleness test runs it on output kept in memory, so both produce the same
 * bytes; calling Prettier's API directly also formats folders .prettierignore skips.
 */
export async function formatGenerated(filePath: string, content: string): Promise<string> {
  const options = await resolveConfig(filePath);
  return format(content, { ...options, filepath: filePath });
}
