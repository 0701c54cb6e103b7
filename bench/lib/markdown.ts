import { format, resolveConfig } from 'prettier';
import type { ResultTable } from './benchmark.js';
import { percent } from './format.js';
import { machineSummary } from './machine.js';
import type { ResultRecord } from './result-record.js';

/** A table whose first column is text and whose other columns are numbers, right-aligned. */
export function renderTable(table: ResultTable): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const alignment = table.header.map((_, index) => (index === 0 ? '---' : '---:'));
  return [
    `**${table.caption}**`,
    '',
    line(table.header),
    line(alignment),
    ...table.rows.map(line),
  ].join('\n');
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function contention(record: ResultRecord): string {
  if (!record.cpu) return 'CPU use of other processes unknown';
  return `other processes used ${percent(record.cpu.othersShare)} of the CPU meanwhile`;
}

export function renderSettings(record: ResultRecord): string {
  const { settings } = record;
  return (
    `Measured ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC on ` +
    `${machineSummary(record.machine)}; ${plural(settings.rounds, 'round')} of ` +
    `${settings.durationSeconds} s per variant after ${settings.warmupSeconds} s of warm-up, ` +
    `${settings.connections} connections, ${settings.database} database; ${contention(record)}.`
  );
}

/**
 * One benchmark's section: what it measures, how, its tables and how to read them. `variant`
 * follows the name in the heading, to tell two runs of one benchmark apart.
 */
export function renderSection(record: ResultRecord, heading = '##', variant = ''): string {
  const { findings } = record;
  return [
    `${heading} ${record.title} (\`${record.benchmark}\`${variant})`,
    record.description,
    renderSettings(record),
    ...findings.tables.map(renderTable),
    findings.notes.map((note) => `- ${note}`).join('\n'),
  ].join('\n\n');
}

/** Formats with the project's Prettier settings, so `prettier --check` accepts the output. */
export async function formatMarkdown(text: string, file: string): Promise<string> {
  const config = (await resolveConfig(file)) ?? {};
  return format(text, { ...config, parser: 'markdown', filepath: file });
}
