/**
 * graphql-js reports a variable that fails coercion by quoting the whole value it got, such
 * as `Variable "$input" got invalid value { ..., clientSecret: "..." }`, which would send a
 * secret back and into logs. These messages are rebuilt from the parts that name only schema
 * elements: the variable, and phrases like `Field "name" of required type "String!" was not
 * provided`.
 */
const VARIABLE_PREFIX = /^Variable "(\$[_A-Za-z][_0-9A-Za-z]*)" got invalid value/;

const SCHEMA_NAME = '[_A-Za-z][_0-9A-Za-z]*';
const SAFE_REASONS = [
  new RegExp(
    `Field "${SCHEMA_NAME}" of required type "[_0-9A-Za-z!\\[\\]]+" was not provided\\.`,
    'g',
  ),
  new RegExp(`Field "${SCHEMA_NAME}" is not defined by type "${SCHEMA_NAME}"\\.`, 'g'),
  new RegExp(`Expected type "[_0-9A-Za-z!\\[\\]]+" to be an object\\.`, 'g'),
];

/** Safe text for a variable coercion message, or undefined when the message is another kind. */
export function redactVariableValue(message: string): string | undefined {
  const prefix = VARIABLE_PREFIX.exec(message);
  if (!prefix) return undefined;

  const reasons = SAFE_REASONS.flatMap((pattern) => message.match(pattern) ?? []);
  const unique = [...new Set(reasons)];
  const base = `Variable "${prefix[1]}" has an invalid value.`;
  return unique.length ? `${base} ${unique.join(' ')}` : `${base} Check it against the schema.`;
}
