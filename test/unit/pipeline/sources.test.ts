import { describe, expect, it } from 'vitest';
import { parseInputSpec, planInput } from '../../../src/pipeline/sources.js';
import { PipelineBuilder } from '../../../src/pipeline/builder.js';
import { UsageError } from '../../../src/errors.js';

describe('parseInputSpec', () => {
  it.each([
    ['in.mp4', { kind: 'file', path: 'in.mp4', live: false }],
    ['my "odd", file!=(1).mkv', { kind: 'file', path: 'my "odd", file!=(1).mkv', live: false }],
    ['file:///tmp/a%20b.mp4', { kind: 'file', path: '/tmp/a b.mp4', live: false }],
    ['https://example.com/v.mp4', { kind: 'uri', scheme: 'https', live: false }],
    ['rtsp://cam/stream', { kind: 'uri', scheme: 'rtsp', live: true }],
    ['srt://1.2.3.4:9000', { kind: 'uri', scheme: 'srt', live: true }],
    ['udp://0.0.0.0:5000', { kind: 'uri', scheme: 'udp', live: true }],
    ['/dev/video0', { kind: 'device', device: '/dev/video0', live: true }],
    ['test', { kind: 'test', pattern: 'smpte', live: false }],
    ['test:ball', { kind: 'test', pattern: 'ball' }],
    ['-', { kind: 'stdin' }],
  ])('%s', (spec, expected) => {
    expect(parseInputSpec(spec)).toMatchObject(expected);
  });

  it('makes a test source live when the job asks', () => {
    expect(parseInputSpec('test', { live: true }).live).toBe(true);
  });

  it.each(['', 'test:nope', 'gopher://x/y'])('refuses %j with exit 2 and lists the accepted forms', (spec) => {
    let error: unknown;
    try {
      parseInputSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).fix).toContain('/dev/videoN');
  });
});

describe('planInput', () => {
  it('decodes a file through decodebin with caps-filtered branches', () => {
    const plan = planInput(parseInputSpec('a b.mp4'), { audio: true });
    const b = new PipelineBuilder().chain(plan.setup[0]).chain(plan.video).add('fakesink').chain(plan.audio).add('fakesink');
    expect(b.build()).toBe('filesrc name=in_src location="a b.mp4" ! decodebin name=in in. ! video/x-raw ! fakesink in. ! audio/x-raw ! fakesink');
  });

  it('gives a test source a duration in frames and matching audio buffers', () => {
    const plan = planInput(parseInputSpec('test:ball'), { audio: true, durationSeconds: 5, fps: 25, width: 640, height: 360 });
    expect(new PipelineBuilder().chain(plan.video).build()).toBe(
      'videotestsrc pattern=ball is-live=false num-buffers=125 ! video/x-raw,width=640,height=360,framerate=25/1',
    );
    expect(new PipelineBuilder().chain(plan.audio).build()).toContain('samplesperbuffer=1920 num-buffers=125');
  });

  it('leaves audio out when the input has none', () => {
    expect(planInput(parseInputSpec('in.mp4'), { audio: false }).audio).toBeUndefined();
  });
});
