// `test [pipeline]`: the seed's test-pipeline: does this pipeline run here? A verdict, the error and the fix.
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { positiveNumber } from '../parse-options.js';

export const DEFAULT_TEST_PIPELINE = 'videotestsrc num-buffers=100 ! fakesink';

export interface TestFlags {
  timeout: number;
}

export function defineTest(program: Command): void {
  program
    .command('test')
    .description('check that a pipeline runs on this machine (default: a tiny test source into fakesink)')
    .argument('[pipeline...]', 'pipeline description', [DEFAULT_TEST_PIPELINE])
    .addOption(new Option('--timeout <seconds>', 'fail if it has not finished by then').argParser(positiveNumber('--timeout')).default(30))
    .addHelpText('after', `
Examples:
  $ lydlr-gst test
  $ lydlr-gst test "videotestsrc num-buffers=30 ! x264enc ! fakesink"
  $ lydlr-gst test --json "filesrc location=in.mp4 ! decodebin ! fakesink"

Exit codes: 0 it runs · 1 it fails at run time · 2 the description is invalid · 3 an element is missing`)
    .action(action('test', async () => (await import('../commands/test.js')).runTest));
}
