// Input specs (a path, a URI, a camera, a test pattern, stdin) → source elements, live or not.
import { fractionOf } from './framerate.js';
import { caps, element, ref, type Chain, type PipelineNode } from './nodes.js';
import { UsageError } from '../errors.js';

export type InputSpec =
  | { kind: 'file'; spec: string; path: string; live: false }
  | { kind: 'uri'; spec: string; uri: string; scheme: string; live: boolean }
  | { kind: 'device'; spec: string; device: string; live: true }
  | { kind: 'test'; spec: string; pattern: string; live: boolean }
  | { kind: 'stdin'; spec: string; live: false };

export const ACCEPTED_INPUTS = [
  'a file path (any characters)',
  'file:///path',
  'http(s)://…, rtsp://…, srt://…, udp://… URIs',
  '/dev/videoN (a V4L2 camera)',
  'test or test:PATTERN (e.g. test:smpte, test:ball; see `gst-inspect-1.0 videotestsrc`)',
  '- (standard input)',
];

// rtspt:// is RTSP with the media interleaved on the TCP connection (rtspsrc's own scheme).
const LIVE_SCHEMES = new Set(['rtsp', 'rtsps', 'rtspt', 'srt', 'udp', 'rtp', 'rtmp']);
const URI_SCHEMES = new Set(['file', 'http', 'https', ...LIVE_SCHEMES]);
export const TEST_PATTERNS = [
  'smpte', 'snow', 'black', 'white', 'red', 'green', 'blue', 'checkers-1', 'checkers-2', 'checkers-4', 'checkers-8',
  'circular', 'blink', 'smpte75', 'zone-plate', 'gamut', 'chroma-zone-plate', 'solid-color', 'ball', 'smpte100', 'bar',
  'pinwheel', 'spokes', 'gradient', 'colors', 'smpte-rp-219',
];

// Parses one input spec; a spec that fits no accepted form is a usage error (exit 2).
export function parseInputSpec(spec: string, options: { live?: boolean } = {}): InputSpec {
  if (spec === '') throw badInput(spec, 'the input is empty');
  if (spec === '-') return { kind: 'stdin', spec, live: false };
  if (spec === 'test' || spec.startsWith('test:')) {
    const pattern = spec === 'test' ? 'smpte' : spec.slice(5);
    if (!TEST_PATTERNS.includes(pattern)) {
      throw badInput(spec, `unknown test pattern "${pattern}" (patterns: ${TEST_PATTERNS.join(', ')})`);
    }
    return { kind: 'test', spec, pattern, live: options.live ?? false };
  }
  if (/^\/dev\/video\d+$/.test(spec)) return { kind: 'device', spec, device: spec, live: true };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!URI_SCHEMES.has(scheme)) throw badInput(spec, `unsupported URI scheme "${scheme}://"`);
    if (scheme === 'file') return { kind: 'file', spec, path: decodeURIComponent(new URL(spec).pathname), live: false };
    return { kind: 'uri', spec, uri: spec, scheme, live: LIVE_SCHEMES.has(scheme) };
  }
  return { kind: 'file', spec, path: spec, live: false };
}

function badInput(spec: string, reason: string): UsageError {
  return new UsageError(`Invalid input "${spec}": ${reason}.`, {
    fix: `Give one of: ${ACCEPTED_INPUTS.join('; ')}.`,
    data: { input: spec, accepted: ACCEPTED_INPUTS },
  });
}

export interface InputPlanOptions {
  /** Include an audio branch (the probe found audio, or a test source with sound). */
  audio: boolean;
  /** Run test sources in real time (servers, live HLS). */
  live?: boolean;
  /** Test sources: stop after this many seconds. */
  durationSeconds?: number | undefined;
  /** Test sources: frame size and rate. */
  width?: number;
  height?: number;
  fps?: number;
  /** Name prefix, so several inputs can live in one pipeline. */
  name?: string;
}

/** Where the decoded streams come from: chains that must exist, and the head of each branch. */
export interface InputPlan {
  setup: Chain[];
  video: Chain;
  audio: Chain | undefined;
}

// Builds the source side: decoded raw video (and audio) ready to be continued by a job.
export function planInput(input: InputSpec, options: InputPlanOptions): InputPlan {
  const name = options.name ?? 'in';
  if (input.kind === 'test') return planTestInput(input, options);
  const source = sourceElements(input, name);
  const demuxed = [...source, element('decodebin', {}, name)];
  return {
    setup: [demuxed],
    video: [ref(name), caps('video/x-raw')],
    audio: options.audio ? [ref(name), caps('audio/x-raw')] : undefined,
  };
}

function sourceElements(input: Exclude<InputSpec, { kind: 'test' }>, name: string): PipelineNode[] {
  switch (input.kind) {
    case 'file':
      return [element('filesrc', { location: input.path }, `${name}_src`)];
    case 'uri':
      return [element('urisourcebin', { uri: input.uri }, `${name}_src`)];
    case 'device':
      return [element('v4l2src', { device: input.device }, `${name}_src`)];
    case 'stdin':
      return [element('fdsrc', { fd: 0 }, `${name}_src`)];
  }
}

function planTestInput(input: Extract<InputSpec, { kind: 'test' }>, options: InputPlanOptions): InputPlan {
  const fps = options.fps ?? 30;
  const live = options.live ?? input.live;
  const frames = options.durationSeconds !== undefined ? Math.max(1, Math.round(options.durationSeconds * fps)) : undefined;
  const video: Chain = [
    element('videotestsrc', { pattern: input.pattern, 'is-live': live, 'num-buffers': frames }),
    caps(`video/x-raw,width=${options.width ?? 1280},height=${options.height ?? 720},framerate=${fractionOf(fps)}`),
  ];
  // One audio buffer per video frame at 48 kHz, so both streams end together.
  const samplesPerBuffer = Math.round(48000 / fps);
  const audio: Chain = [
    element('audiotestsrc', { wave: 'sine', freq: 440, volume: 0.3, 'is-live': live, samplesperbuffer: samplesPerBuffer, 'num-buffers': frames }),
    caps('audio/x-raw,rate=48000,channels=2'),
  ];
  return { setup: [], video, audio: options.audio ? audio : undefined };
}
