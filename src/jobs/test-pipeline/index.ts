// test: does this pipeline run on this machine? A verdict, the error and the fix.
import { positiveNumber } from '../flags.js';
import { defineJob } from '../spec.js';
import { GRAPH_FLAGS, type GraphFlags } from '../graph-flags.js';

export const DEFAULT_TEST_PIPELINE = 'videotestsrc num-buffers=100 ! fakesink';

export interface TestFlags extends GraphFlags {
  timeout: number;
}

export const testPipeline = defineJob({
  command: ['test'],
  summary: 'check that a pipeline runs on this machine (default: a tiny test source into fakesink)',
  args: [{ name: 'pipeline', variadic: true, required: false, help: 'pipeline description', default: [DEFAULT_TEST_PIPELINE] }],
  flags: [{ flags: '--timeout <seconds>', help: 'fail if it has not finished by then', parse: positiveNumber('--timeout'), default: 30 }, ...GRAPH_FLAGS],
  help: `
Examples:
  $ lydlr-gst test
  $ lydlr-gst test "videotestsrc num-buffers=30 ! x264enc ! fakesink"
  $ lydlr-gst test --json "filesrc location=in.mp4 ! decodebin ! fakesink"
  $ lydlr-gst test "videotestsrc num-buffers=30 ! x264enc ! fakesink" --graph test.svg

Exit codes: 0 it runs · 1 it fails at run time · 2 the description is invalid · 3 an element is missing`,
  api: {
    kind: 'test-pipeline',
    path: '/test-pipeline/',
    summary: "Does this pipeline run here? The test command's verdict (`lydlr-gst test`); the default is a tiny test source",
    tag: 'pipelines',
    body: async () => ({
      fieldTypes: { pipeline: (await import('zod')).z.string().min(1).describe('a gst-launch pipeline description, e.g. "videotestsrc num-buffers=30 ! fakesink"') },
      paths: { pipelines: ['pipeline'], files: ['graph'] },
      answer: () => 'result',
    }),
  },
  load: async () => (await import('./entry.js')).runTest,
});
