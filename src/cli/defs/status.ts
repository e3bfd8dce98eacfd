// `status`: one screen: installed or not, version, plugin and feature counts, DeepStream.
import type { Command } from 'commander';
import { action } from '../action.js';

export function defineStatus(program: Command): void {
  program
    .command('status')
    .description('GStreamer installed or not, its version, plugin and feature counts, DeepStream availability')
    .addHelpText('after', `
Examples:
  $ lydlr-gst status
  $ lydlr-gst status --json | jq .version

Exit codes: 0 GStreamer is installed · 3 it is not (with the apt-get line)`)
    .action(action('status', async () => (await import('../commands/status.js')).runStatus));
}
