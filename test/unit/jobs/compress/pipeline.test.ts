import { describe, expect, it } from 'vitest';
import { buildCompressPipeline } from '../../../../src/jobs/compress/pipeline.js';
import { PIPELINE_CASES } from './cases.js';

// The same cases run for real in test/e2e/compress-pipelines.test.ts.
describe('buildCompressPipeline', () => {
  it.each(PIPELINE_CASES.map((c) => [c.name, c] as const))('%s: builds exactly the table\'s pipeline text', (_name, c) => {
    expect(buildCompressPipeline(c.plan).build()).toBe(c.pipeline);
  });
});
