// A command line commander refused (bad value, unknown flag or command, missing argument) as the
// --json result record: scripts read the last stdout line whatever went wrong.
import type { CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { errorRecord } from '../report/result-record.js';
import type { ResultRecord } from '../report/reporter.js';

// --json anywhere before "--" (before or after the command name) asks for machine output.
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

// The record for a parse error; `command` is the first known command name on the line, if any.
export function parseErrorRecord(argv: readonly string[], commandNames: readonly string[], error: CommanderError): ResultRecord {
  const command = argv.find((word) => commandNames.includes(word)) ?? 'lydlr-gst';
  const message = error.message.replace(/^error:\s*/, '');
  return errorRecord(command, new UsageError(message, { fix: `Run lydlr-gst ${command === 'lydlr-gst' ? '' : `${command} `}--help for usage.`, data: { code: error.code } }));
}
