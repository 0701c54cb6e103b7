import { describe, expect, it } from 'vitest';
import { redactVariableValue } from '../../platform/errors/variable-errors.js';

describe('variable coercion messages', () => {
  it('drop the quoted value and keep the names of what is missing', () => {
    const message =
      'Variable "$input" got invalid value { name: "sso", clientSecret: "s3cr3t; x" }; ' +
      'Field "title" of required type "String!" was not provided.';
    expect(redactVariableValue(message)).toBe(
      'Variable "$input" has an invalid value. Field "title" of required type "String!" was not provided.',
    );
  });

  it('say nothing of a value that is of the wrong type', () => {
    const message =
      'Variable "$input" got invalid value 42 at "input.clientSecret"; String cannot represent a non string value: 42';
    expect(redactVariableValue(message)).toBe(
      'Variable "$input" has an invalid value. Check it against the schema.',
    );
  });

  it('leave other messages alone', () => {
    expect(redactVariableValue('Cannot query field "mee" on type "Query".')).toBeUndefined();
  });
});
