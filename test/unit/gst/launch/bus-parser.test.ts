// The bus parser on recorded gst-launch-1.0 -m -v --force-position output (GStreamer 1.22).
// Every expected count and value below was read off the fixture files with grep, not computed
// with the product (see test/fixtures/gst-1.22/README.md for how they were recorded).
import { describe, expect, it } from 'vitest';
import { LaunchOutputParser, elementName } from '../../../../src/gst/launch/bus-parser.js';
import { gstEventSchema, type GstEvent } from '../../../../src/gst/launch/events.js';
import { parseFixture } from './launch-fixtures.js';

function countByType(events: GstEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
}

function ofType<T extends GstEvent['type']>(events: GstEvent[], type: T): Extract<GstEvent, { type: T }>[] {
  return events.filter((e): e is Extract<GstEvent, { type: T }> => e.type === type);
}

describe('LaunchOutputParser on encode-mp4 (videotestsrc ! x264enc ! lydlr_stats0 ! mp4mux, 90 frames)', () => {
  const events = parseFixture('encode-mp4');

  it('yields exactly these counts per event type', () => {
    expect(countByType(events)).toEqual({
      'state-changed': 24,
      'stream-start': 1,
      'async-done': 1,
      'new-clock': 1,
      latency: 4,
      eos: 1,
      caps: 14,
      buffer: 90,
      'stream-end': 1,
      progress: 1,
      ended: 1,
    });
  });

  it('every event it yields is valid against the published event schema', () => {
    for (const e of events) expect(gstEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
  });

  it('reports the pipeline going null → ready → paused → playing, marked isPipeline', () => {
    const pipeline = ofType(events, 'state-changed').filter((e) => e.isPipeline);
    expect(pipeline.map((e) => [e.element, e.oldState, e.newState])).toEqual([
      ['pipeline0', 'null', 'ready'],
      ['pipeline0', 'ready', 'paused'],
      ['pipeline0', 'paused', 'playing'],
    ]);
    expect(ofType(events, 'state-changed').filter((e) => e.element === 'x264enc0' && e.isPipeline)).toEqual([]);
  });

  it('counts 90 buffers from lydlr_stats0 totalling 552281 bytes', () => {
    const buffers = ofType(events, 'buffer');
    expect(new Set(buffers.map((b) => b.element))).toEqual(new Set(['lydlr_stats0']));
    expect(buffers.reduce((sum, b) => sum + b.bytes, 0)).toBe(552281);
  });

  it('sees the end of the stream pass lydlr_stats0 (its last-message "E (type: eos")', () => {
    expect(ofType(events, 'stream-end')).toEqual([{ type: 'stream-end', element: 'lydlr_stats0' }]);
  });

  it('reads the position line "0:00:01.6 / 0:00:03.0 (54.4 %)"', () => {
    expect(ofType(events, 'progress')).toEqual([{ type: 'progress', positionSeconds: 1.6, durationSeconds: 3, percent: 54.4 }]);
  });

  it('reads the clock name, the x264enc0 source pad caps and the execution time', () => {
    expect(ofType(events, 'new-clock')).toEqual([{ type: 'new-clock', clock: 'GstSystemClock' }]);
    const x264src = ofType(events, 'caps').find((c) => c.element === 'x264enc0' && c.pad === 'src');
    expect(x264src?.elementPath).toBe('/GstPipeline:pipeline0/GstX264Enc:x264enc0');
    expect(x264src?.caps).toMatch(/^video\/x-h264, codec_data=\(buffer\)01640014/);
    expect(ofType(events, 'ended')).toEqual([{ type: 'ended', executionSeconds: 0.10836243 }]);
  });
});

describe('LaunchOutputParser on hls-element-messages (hlssink2 with progressreport)', () => {
  const events = parseFixture('hls-element-messages');

  it('yields exactly these counts per event type (no buffers: no stats probe in this pipeline)', () => {
    expect(countByType(events)).toEqual({
      'state-changed': 39,
      'stream-start': 1,
      'async-done': 1,
      'new-clock': 1,
      latency: 4,
      element: 3,
      eos: 1,
      caps: 32,
      ended: 1,
    });
  });

  it('reads the three element messages by name and their fields', () => {
    const messages = ofType(events, 'element');
    expect(messages.map((m) => [m.element, m.name])).toEqual([
      ['progressreport0', 'progress'],
      ['splitmuxsink0', 'splitmuxsink-fragment-opened'],
      ['splitmuxsink0', 'splitmuxsink-fragment-closed'],
    ]);
    expect(messages[2]!.fields).toContain('running-time=(guint64)966666666');
  });
});

describe('LaunchOutputParser on interrupt (live source stopped by SIGINT with -e)', () => {
  const events = parseFixture('interrupt');

  it('yields the interrupt, then EOS, 14 positions without a duration, and the execution time', () => {
    expect(countByType(events)).toMatchObject({ interrupt: 1, eos: 1, progress: 14, ended: 1, 'state-changed': 18 });
    const progress = ofType(events, 'progress');
    expect(progress[0]).toEqual({ type: 'progress', positionSeconds: 0.1, durationSeconds: undefined, percent: undefined });
    expect(progress.at(-1)?.positionSeconds).toBe(1.4);
    expect(events.findIndex((e) => e.type === 'interrupt')).toBeLessThan(events.findIndex((e) => e.type === 'eos'));
    expect(ofType(events, 'ended')[0]?.executionSeconds).toBe(1.482649258);
  });
});

describe('LaunchOutputParser on failures', () => {
  it('missing-file: the four ERROR blocks (each printed twice) become two runtime errors with element, message and debug', () => {
    const events = parseFixture('missing-file');
    expect(events).toEqual([
      {
        type: 'error',
        kind: 'runtime',
        element: 'filesrc0',
        elementPath: '/GstPipeline:pipeline0/GstFileSrc:filesrc0',
        message: 'Resource not found.',
        debug: '../plugins/elements/gstfilesrc.c(553): gst_file_src_start (): /GstPipeline:pipeline0/GstFileSrc:filesrc0:\nNo such file "/nonexistent"',
      },
      {
        type: 'error',
        kind: 'runtime',
        element: 'filesrc0',
        elementPath: '/GstPipeline:pipeline0/GstFileSrc:filesrc0',
        message: 'GStreamer error: state change failed and some element failed to post a proper error message with the reason for the failure.',
        debug: '../libs/gst/base/gstbasesrc.c(3561): gst_base_src_start (): /GstPipeline:pipeline0/GstFileSrc:filesrc0:\nFailed to start',
      },
    ]);
  });

  it.each([
    ['no-element', { type: 'error', kind: 'no-element', element: 'foobarenc', message: 'no element "foobarenc"' }],
    ['link-error', { type: 'error', kind: 'link', message: 'could not link x264enc0 to vp8dec0' }],
    ['syntax-error', { type: 'error', kind: 'syntax', message: 'syntax error' }],
  ])('%s: one erroneous-pipeline error of the right kind', (name, expected) => {
    expect(parseFixture(name)).toEqual([expected]);
  });

  it('a WARNING block becomes a warning with its debug lines', () => {
    const parser = new LaunchOutputParser();
    const lines = [
      'WARNING: from element /GstPipeline:pipeline0/GstQueue:q0: Internal data stream error.',
      'Additional debug info:',
      'gstqueue.c(1): fn (): /GstPipeline:pipeline0/GstQueue:q0:',
      'streaming stopped, reason not-linked (-1)',
    ];
    const events = [...lines.flatMap((l) => parser.push(l)), ...parser.flush()];
    expect(events).toEqual([
      {
        type: 'warning',
        element: 'q0',
        elementPath: '/GstPipeline:pipeline0/GstQueue:q0',
        message: 'Internal data stream error.',
        debug: 'gstqueue.c(1): fn (): /GstPipeline:pipeline0/GstQueue:q0:\nstreaming stopped, reason not-linked (-1)',
      },
    ]);
  });

  it('an ERROR block cut short by the next record is emitted at once, without debug', () => {
    const parser = new LaunchOutputParser();
    expect(parser.push('ERROR: from element /GstPipeline:pipeline0/GstFakeSink:sink: Boom.')).toEqual([]);
    expect(parser.push('Got EOS from element "pipeline0".')).toEqual([
      { type: 'error', kind: 'runtime', element: 'sink', elementPath: '/GstPipeline:pipeline0/GstFakeSink:sink', message: 'Boom.', debug: undefined },
      { type: 'eos' },
    ]);
  });
});

describe('LaunchOutputParser on odd input', () => {
  const odd = [
    '',
    'Got message #',
    'Got message #5 from element "x" (state-changed): GstMessageStateChanged, old-state=(GstState)nu',
    'Got message #7 from element "x" (buffering): buffer-percent=(int)',
    'ERROR: from element',
    '/GstPipeline:pipeline0/GstIdentity:lydlr_stats0: last-message = chain   ******* (lydlr_stats0:sink) (12',
    '/GstPipeline:pipeline0/GstCapsFilter:capsfilter0: caps = video/x-raw',
    '0:00:0',
    '99:99:99.999999999 / 99:99:99.999999999',
    'Execution ended after nonsense',
    '\u0000\u0001\uFFFD garbage ⚠️ ',
    'x'.repeat(100_000),
  ];

  it.each(odd.map((line) => [line.slice(0, 40), line]))('never throws and yields nothing for %j', (_label, line) => {
    const parser = new LaunchOutputParser();
    expect(parser.push(line)).toEqual([]);
  });

  it('an unparseable erroneous-pipeline message is kind "other"', () => {
    expect(new LaunchOutputParser().push('WARNING: erroneous pipeline: something new')).toEqual([{ type: 'error', kind: 'other', message: 'something new' }]);
  });

  it('a block interrupted by garbage still flushes once at the end', () => {
    const parser = new LaunchOutputParser();
    parser.push('ERROR: from element /GstPipeline:pipeline0/GstX:x0: Bad.');
    parser.push('Additional debug info:');
    parser.push('\u0000garbage');
    expect(parser.flush()).toEqual([{ type: 'error', kind: 'runtime', element: 'x0', elementPath: '/GstPipeline:pipeline0/GstX:x0', message: 'Bad.', debug: '\u0000garbage' }]);
    expect(parser.flush()).toEqual([]);
  });
});

describe('elementName', () => {
  it.each([
    ['/GstPipeline:pipeline0/GstFileSrc:filesrc0', 'filesrc0'],
    ['/GstPipeline:pipeline0/GstHlsSink2:hlssink2-0/GstSplitMuxSink:splitmuxsink0', 'splitmuxsink0'],
    ['plain', 'plain'],
    ['', undefined],
    ['/GstPipeline:', undefined],
  ])('%j → %j', (path, name) => {
    expect(elementName(path)).toBe(name);
  });
});
