import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../platform/logging/logger.js';

/** A logger whose JSON lines are kept in memory, so tests can read what a service logged. */
export interface CapturedLogs {
  readonly lines: string[];
  logger(service: string): Logger;
  /** Parsed log records, optionally only those whose message matches. */
  records(message?: string): Record<string, unknown>[];
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    lines,
    logger: (service) => createLogger({ service, level, destination }),
    records: (message) =>
      lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((record) => message === undefined || record.msg === message),
  };
}
