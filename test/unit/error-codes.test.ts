import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../platform/errors/codes.js';

describe('the error code registry', () => {
  it('is documented in the README, code for code', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'));
    const table = section.slice(0, section.indexOf('\n## ', 1));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)`\s+\|/gm)].map((match) => match[1]);
    expect(documented).toEqual(Object.keys(ERROR_CODES));
  });
});
