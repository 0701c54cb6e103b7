import { createRequire } from 'node:module';

import type * as Inspector from '@graphql-inspector/core';
import type { Change } from '@graphql-inspector/core';
import type * as GraphQL from 'graphql';
import type { GraphQLSchema } from 'graphql';

import type { AcceptedChange } from './accepted-changes.js';

// Both come through require so the inspector and the schemas it compares share one graphql
// instance, the CommonJS build. A test runner that resolves graphql's ESM build for our own
// files would otherwise hand the inspector schemas that graphql's instanceof checks reject.
const require = createRequire(import.meta.url);
const { CriticalityLevel, diff } = require('@graphql-inspector/core') as typeof Inspector;
const { buildSchema } = require('graphql') as typeof GraphQL;

/** One difference between the published API schema and the current one. */
export interface SchemaChange {
  readonly type: string;
  /** Empty for changes to the schema as a whole. */
  readonly path: string;
  readonly message: string;
}

export interface RejectedChange extends SchemaChange {
  readonly why: 'not-listed' | 'empty-reason';
}

export interface AcceptedBreakingChange extends SchemaChange {
  readonly reason: string;
}

/** Every difference, sorted into what blocks publishing and what does not. */
export interface ContractReport {
  /** Breaking changes nobody accepted; any of them blocks publishing. */
  readonly rejected: readonly RejectedChange[];
  readonly accepted: readonly AcceptedBreakingChange[];
  readonly dangerous: readonly SchemaChange[];
  readonly nonBreaking: readonly SchemaChange[];
}

export interface ClassifyOptions {
  /** SDL of the published API schema, schema/api.graphql. */
  readonly publishedSdl: string;
  /** SDL of the API schema the subgraphs compose to now. */
  readonly currentSdl: string;
  readonly acceptedChanges: readonly AcceptedChange[];
}

/**
 * Diffs the published API schema against the current one with @graphql-inspector/core and
 * checks each breaking change against the accepted list, matched on change type and path.
 */
export async function classifyChanges(options: ClassifyOptions): Promise<ContractReport> {
  const published = buildNamedSchema('schema/api.graphql', options.publishedSdl);
  const current = buildNamedSchema('the current API schema', options.currentSdl);
  const changes = await diff(published, current);

  const rejected: RejectedChange[] = [];
  const accepted: AcceptedBreakingChange[] = [];
  const dangerous: SchemaChange[] = [];
  const nonBreaking: SchemaChange[] = [];

  for (const change of changes) {
    const summary = summarize(change);

    switch (change.criticality.level) {
      case CriticalityLevel.Breaking: {
        const entry = options.acceptedChanges.find(
          (candidate) => candidate.type === summary.type && candidate.path === summary.path,
        );
        if (entry === undefined) rejected.push({ ...summary, why: 'not-listed' });
        else if (entry.reason.trim() === '') rejected.push({ ...summary, why: 'empty-reason' });
        else accepted.push({ ...summary, reason: entry.reason });
        break;
      }
      case CriticalityLevel.Dangerous:
        dangerous.push(summary);
        break;
      case CriticalityLevel.NonBreaking:
        nonBreaking.push(summary);
        break;
    }
  }

  return { rejected, accepted, dangerous, nonBreaking };
}

/** Renders a report one change per line, for a terminal or a failing test's message. */
export function formatContractReport(report: ContractReport): string {
  const lines: string[] = [];

  for (const change of report.rejected) {
    const why =
      change.why === 'not-listed'
        ? 'not listed in schema/accepted-changes.json'
        : 'listed in schema/accepted-changes.json with an empty reason';
    lines.push(`BREAKING (rejected, ${why}) ${describe(change)}`);
  }
  for (const change of report.accepted) {
    lines.push(`BREAKING (accepted: ${change.reason}) ${describe(change)}`);
  }
  for (const change of report.dangerous) lines.push(`DANGEROUS ${describe(change)}`);
  for (const change of report.nonBreaking) lines.push(`NON_BREAKING ${describe(change)}`);

  return lines.join('\n');
}

function buildNamedSchema(name: string, sdl: string): GraphQLSchema {
  try {
    return buildSchema(sdl);
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`${name} is not a valid schema: ${detail}`, { cause: error });
  }
}

function summarize(change: Change): SchemaChange {
  return { type: String(change.type), path: change.path ?? '', message: change.message };
}

function describe(change: SchemaChange): string {
  const where = change.path === '' ? '(schema)' : change.path;
  return `${change.type} ${where}: ${change.message}`;
}
