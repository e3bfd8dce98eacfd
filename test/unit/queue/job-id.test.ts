import { describe, expect, it } from 'vitest';
import { queueJobId } from '../../../src/queue/job-id.js';

describe('queueJobId', () => {
  it('is the same for the same work whatever the order of the options', () => {
    expect(queueJobId('compress', '/in/a.mp4', { codec: 'h264', outputDir: '/out' })).toBe(queueJobId('compress', '/in/a.mp4', { outputDir: '/out', codec: 'h264' }));
  });

  it('differs when the input, an option or the job kind differs', () => {
    const base = queueJobId('compress', '/in/a.mp4', { codec: 'h264' });
    expect(queueJobId('compress', '/in/b.mp4', { codec: 'h264' })).not.toBe(base);
    expect(queueJobId('compress', '/in/a.mp4', { codec: 'h265' })).not.toBe(base);
    expect(queueJobId('hls', '/in/a.mp4', { codec: 'h264' })).not.toBe(base);
  });

  it('is neither a plain integer nor contains ":" (BullMQ reserves both)', () => {
    expect(queueJobId('deepstream inference', '/in/a.mp4', {})).toMatch(/^deepstream-inference-[0-9a-f]{24}$/);
  });
});
