// `doctor [--for COMMAND] [--verbose]`: is this machine ready, and what exactly is missing?
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import type { HealthCommand } from '../../health/types.js';
import { healthCommands } from '../../health/job-needs.js';

export interface DoctorFlags {
  for?: HealthCommand;
  verbose?: boolean;
}

export function defineDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check GStreamer, plugins, codecs and what each command needs; print the exact fixes')
    .addOption(new Option('--for <command>', 'check only what one command needs').choices(healthCommands()))
    .option('-v, --verbose', 'show every element, codec and probe looked at')
    .addHelpText('after', `
Examples:
  $ lydlr-gst doctor
  $ lydlr-gst doctor --for rtsp --verbose
  $ lydlr-gst doctor --json | jq '.fixes[]'

Exit codes: 0 ready (warnings allowed) · 1 some command is not ready · 2 an invalid environment variable · 3 GStreamer is missing`)
    .action(action('doctor', async () => (await import('../commands/doctor.js')).runDoctor));
}
