import { buildSchema, extendSchema, Kind, parse, print, printSchema, visit } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import type { AcceptedChange } from '../../tools/schema/accepted-changes.js';
import { parseAcceptedChanges } from '../../tools/schema/accepted-changes.js';
import type { ContractReport } from '../../tools/schema/classify-changes.js';
import { classifyChanges, formatContractReport } from '../../tools/schema/classify-changes.js';
import { readPublishedApiSdl } from './helpers.js';

let publishedSdl: string;

beforeAll(async () => {
  publishedSdl = await readPublishedApiSdl();
});

/** SDL of the published API schema without one field of one object type. */
function withoutField(typeName: string, fieldName: string): string {
  const document = visit(parse(publishedSdl), {
    ObjectTypeDefinition(node) {
      if (node.name.value !== typeName) return undefined;
      const fields = node.fields?.filter((field) => field.name.value !== fieldName);
      return { ...node, fields };
    },
  });
  return print(document);
}

/** SDL of the published API schema with an extension applied. */
function extended(extension: string): string {
  return printSchema(extendSchema(buildSchema(publishedSdl), parse(extension)));
}

function classify(
  currentSdl: string,
  acceptedChanges: readonly AcceptedChange[] = [],
): Promise<ContractReport> {
  return classifyChanges({ publishedSdl, currentSdl, acceptedChanges });
}

const meRemoved = { type: 'FIELD_REMOVED', path: 'Query.me' } as const;

describe('change classifier', () => {
  it('reports a removed field as BREAKING and rejects it when it is not listed', async () => {
    const report = await classify(withoutField('Query', 'me'));

    expect(report.rejected).toEqual([
      {
        ...meRemoved,
        message: "Field 'me' was removed from object type 'Query'",
        why: 'not-listed',
      },
    ]);
    expect(formatContractReport(report)).toBe(
      'BREAKING (rejected, not listed in schema/accepted-changes.json) FIELD_REMOVED Query.me: ' +
        "Field 'me' was removed from object type 'Query'",
    );
  });

  it('accepts a removed field listed with a reason', async () => {
    const reason = 'Clients read the viewer from session instead.';
    const report = await classify(withoutField('Query', 'me'), [{ ...meRemoved, reason }]);

    expect(report.rejected).toEqual([]);
    expect(report.accepted).toEqual([expect.objectContaining({ ...meRemoved, reason })]);
  });

  it('rejects a removed field listed with an empty reason', async () => {
    const report = await classify(withoutField('Query', 'me'), [{ ...meRemoved, reason: '  ' }]);

    expect(report.accepted).toEqual([]);
    expect(report.rejected).toEqual([
      expect.objectContaining({ ...meRemoved, why: 'empty-reason' }),
    ]);
    expect(formatContractReport(report)).toContain(
      'listed in schema/accepted-changes.json with an empty reason',
    );
  });

  it('does not let an entry for another path accept the change', async () => {
    const entry = { ...meRemoved, path: 'Query.organization', reason: 'Unrelated.' };
    const report = await classify(withoutField('Query', 'me'), [entry]);

    expect(report.rejected).toEqual([expect.objectContaining({ ...meRemoved, why: 'not-listed' })]);
  });

  it('reports an added field as NON_BREAKING', async () => {
    const report = await classify(extended('extend type Query { serverTime: String }'));

    expect(report).toEqual({
      rejected: [],
      accepted: [],
      dangerous: [],
      nonBreaking: [
        {
          type: 'FIELD_ADDED',
          path: 'Query.serverTime',
          message: "Field 'serverTime' was added to object type 'Query'",
        },
      ],
    });
  });

  it('reports an added enum value as DANGEROUS without blocking', async () => {
    const report = await classify(extended('extend enum Role { AUDITOR }'));

    expect(report.rejected).toEqual([]);
    expect(report.dangerous).toEqual([
      expect.objectContaining({ type: 'ENUM_VALUE_ADDED', path: 'Role.AUDITOR' }),
    ]);
  });

  it('finds no change between the published schema and itself', async () => {
    const report = await classify(publishedSdl);

    expect(formatContractReport(report)).toBe('');
  });
});

describe('accepted-changes.json format', () => {
  it('takes a list of type, path and reason', () => {
    const entries = [{ type: 'FIELD_REMOVED', path: 'Query.me', reason: 'Replaced.' }];

    expect(parseAcceptedChanges(entries)).toEqual(entries);
  });

  it('names each malformed entry and what is wrong with it', () => {
    const entries = [{ type: 'FIELD_GONE', path: 'Query.me' }];

    expect(() => parseAcceptedChanges(entries)).toThrow(
      'accepted-changes.json is malformed:\n' +
        '  - 0.type: unknown change type "FIELD_GONE", e.g. FIELD_REMOVED\n' +
        '  - 0.reason: Invalid input: expected string, received undefined',
    );
  });

  it('rejects a file that is not a list', () => {
    expect(() => parseAcceptedChanges({ kind: Kind.DOCUMENT })).toThrow(
      '  - (root): Invalid input: expected array, received object',
    );
  });
});
