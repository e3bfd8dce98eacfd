import { describe, expect, it } from 'vitest';
import { PipelineBuilder } from '../../../src/pipeline/builder.js';

describe('PipelineBuilder (seed API)', () => {
  it('builds the seed example as a string and as argv tokens', () => {
    const b = new PipelineBuilder()
      .addSource('file', 'in put.mp4')
      .addDecoder()
      .addVideoConvert()
      .addVideoScale(1280, 720)
      .addEncoder('h264', { bitrate: 2000, speedPreset: 'ultrafast' })
      .addSink('file', 'out.mp4');
    expect(b.build()).toBe(
      'filesrc location="in put.mp4" ! decodebin ! videoconvert ! videoscale ! video/x-raw,width=1280,height=720 ! video/x-raw,format=I420 ! ' +
        'x264enc speed-preset=ultrafast bitrate=2000 pass=cbr vbv-buf-capacity=0 ! h264parse ! mp4mux ! filesink location=out.mp4',
    );
    expect(b.toArgv().slice(0, 4)).toEqual(['filesrc', 'location="in put.mp4"', '!', 'decodebin']);
  });

  it('maps the x264 alias and per-encoder bitrate units', () => {
    expect(new PipelineBuilder().addEncoder('x264', { bitrate: 500 }).build()).toContain('x264enc');
    expect(new PipelineBuilder().addEncoder('vp8', { bitrate: 500 }).build()).toContain('target-bitrate=500000');
    expect(new PipelineBuilder().addEncoder('av1', { bitrate: 500 }).build()).toContain('target-bitrate=500');
  });

  it('refuses an unknown codec', () => {
    expect(() => new PipelineBuilder().addEncoder('mpeg7')).toThrow(/unknown codec/);
  });

  it('is immutable', () => {
    const a = new PipelineBuilder().add('videotestsrc');
    const b = a.add('fakesink');
    expect(a.build()).toBe('videotestsrc');
    expect(b.build()).toBe('videotestsrc ! fakesink');
  });
});

describe('PipelineBuilder (branches)', () => {
  it.each([
    [
      'tee with two branches',
      new PipelineBuilder().add('videotestsrc').tee('t').from('t').queue().add('fakesink').from('t').queue().add('fakesink'),
      'videotestsrc ! tee name=t t. ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! fakesink t. ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! fakesink',
    ],
    [
      'audio and video into one muxer',
      new PipelineBuilder().add('mp4mux', {}, 'mux').add('filesink', { location: 'o.mp4' })
        .chain().add('videotestsrc').to('mux', 'video_0')
        .chain().add('audiotestsrc').to('mux'),
      'mp4mux name=mux ! filesink location=o.mp4 videotestsrc ! mux.video_0 audiotestsrc ! mux.',
    ],
    [
      'caps filter and leaky queue',
      new PipelineBuilder().add('v4l2src').caps('video/x-raw, width=640').queue({ leaky: 'downstream', 'max-size-buffers': 2 }).add('fakesink'),
      'v4l2src ! video/x-raw,width=640 ! queue leaky=downstream max-size-buffers=2 ! fakesink',
    ],
  ])('%s', (_name, builder, expected) => {
    expect(builder.build()).toBe(expected);
  });

  it('lists the element factories it uses', () => {
    const b = new PipelineBuilder().add('videotestsrc').add('x264enc').add('fakesink').chain().add('x264enc');
    expect(b.factories()).toEqual(['videotestsrc', 'x264enc', 'fakesink']);
  });

  it('renders a copy-pasteable shell command', () => {
    const b = new PipelineBuilder().addSource('file', `it's here.mp4`).add('fakesink');
    expect(b.toShellCommand()).toBe(`gst-launch-1.0 -e filesrc 'location="it'\\''s here.mp4"' ! fakesink`);
  });
});
