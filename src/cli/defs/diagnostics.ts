// `diagnostics [--output FILE]`: the doctor's report plus raw facts, to attach to a bug report.
import type { Command } from 'commander';
import { action } from '../action.js';

export interface DiagnosticsFlags {
  output?: string;
  overwrite?: boolean;
}

export function defineDiagnostics(program: Command): void {
  program
    .command('diagnostics')
    .description('everything doctor knows plus versions, environment, registry and failed probes, for a bug report')
    .option('-o, --output <file>', 'write it to a file (JSON when the name ends in .json, else text)')
    .option('--overwrite', 'replace an existing --output file')
    .addHelpText('after', `
Examples:
  $ lydlr-gst diagnostics
  $ lydlr-gst diagnostics --output lydlr-diagnostics.txt
  $ lydlr-gst diagnostics --json > diagnostics.json

Exit codes: 0 written · 2 bad usage or an invalid environment variable · 3 GStreamer is missing (the report is still written)`)
    .action(action('diagnostics', async () => (await import('../commands/diagnostics.js')).runDiagnostics));
}
