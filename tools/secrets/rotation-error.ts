/** Variables whose values must never reach the command's output: keys and credentials. */
const SECRET_VARIABLES = ['SECRETS_MASTER_KEY', 'SECRETS_PREVIOUS_MASTER_KEYS', 'DATABASE_URL'];

/** Every secret text in the environment, and each comma-separated key and URL password. */
function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const name of SECRET_VARIABLES) {
    const value = env[name]?.trim();
    if (!value) continue;
    values.add(value);
    for (const part of value.split(',')) if (part.trim().length >= 8) values.add(part.trim());
    try {
      const password = decodeURIComponent(new URL(value).password);
      if (password) values.add(password);
    } catch {
      // Not a URL: the whole value is already on the list.
    }
  }
  // Longest first, so a key inside a list is not left half replaced.
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * The one line `secrets:rotate` prints when it fails: what went wrong, in the last line of the
 * error's own words, with every key and database credential from the environment cut out, since a
 * driver's message may quote its connection string.
 */
export function rotationErrorMessage(error: unknown, env: NodeJS.ProcessEnv = process.env) {
  const message = error instanceof Error ? error.message : String(error);
  // Prisma opens with the call site and source lines and ends with the reason: keep that.
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let text = lines.at(-1) ?? 'unknown error';
  for (const secret of secretValues(env)) text = text.split(secret).join('[redacted]');
  return `secrets:rotate failed: ${text}`;
}
