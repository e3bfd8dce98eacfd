// One table of builder chains: builder.test.ts checks each one's exact text, and
// test/e2e/builder-runs.test.ts runs each one through gst-launch-1.0, so no checked text is
// a pipeline GStreamer would refuse.
import { PipelineBuilder } from '../../../src/pipeline/builder.js';

/** Paths a case builds with: the unit test uses UNIT_FILES, the e2e run real temporary files. */
export interface CaseFiles {
  /** An existing clip (1 s, 320x240, 30 fps, H.264 + AAC in mp4) under the hostile name. */
  input: string;
  /** Where an output file named `name` goes. */
  out(name: string): string;
}

/** Spaces, both quotes, `!`, `=`, `,`, parentheses and non-ASCII: every case's input is named so. */
export const HOSTILE_NAME = `it's "my" clip! (a=b,c) é 日本.mp4`;

export const UNIT_FILES: CaseFiles = { input: HOSTILE_NAME, out: (name) => name };

/** What ffprobe must find in one output file. */
export interface ExpectedFile {
  name: string;
  video?: { codec: string; width: number; height: number; frames: number };
  audio?: { codec: string; sampleRate: number; channels: number };
}

export type RunCheck =
  /** gst-launch-1.0 -e exits 0 and the files hold these streams. */
  | { kind: 'files'; files: ExpectedFile[] }
  /** The output is a byte-for-byte copy of the input. */
  | { kind: 'copy'; output: string }
  /** Parses and links, then fails in this element with this error (hardware that is absent here). */
  | { kind: 'element-error'; element: string; message: RegExp };

export interface BuilderCase {
  name: string;
  build(files: CaseFiles): PipelineBuilder;
  /** build() with UNIT_FILES, written out by hand. */
  expected: string;
  /** toArgv() with UNIT_FILES, where the tokens matter. */
  tokens?: string[];
  /** toShellCommand() with UNIT_FILES; the e2e run also runs it through /bin/sh. */
  shell?: string;
  run: RunCheck;
}

const UNLIMITED = 'queue max-size-buffers=0 max-size-bytes=0 max-size-time=0';
const HOSTILE_LOCATION = `location="it's \\"my\\" clip! (a=b,c) é 日本.mp4"`;
const TEST_320 = 'video/x-raw,width=320,height=240,framerate=30/1';

export const BUILDER_CASES: BuilderCase[] = [
  {
    name: 'README example: file, decodebin, scale to 1280x720, H.264 into mp4 (scale and I420 caps merged)',
    build: (f) => new PipelineBuilder()
      .addSource('file', f.input)
      .addDecoder()
      .addVideoConvert()
      .addVideoScale(1280, 720)
      .addEncoder('h264', { bitrate: 2000, speedPreset: 'ultrafast' })
      .addSink('file', f.out('out.mp4')),
    expected: `filesrc ${HOSTILE_LOCATION} ! decodebin ! videoconvert ! videoscale ! video/x-raw,width=1280,height=720,format=I420 ! `
      + 'x264enc speed-preset=ultrafast bitrate=2000 pass=cbr vbv-buf-capacity=0 ! h264parse ! mp4mux ! filesink location=out.mp4',
    tokens: ['filesrc', HOSTILE_LOCATION, '!', 'decodebin', '!', 'videoconvert', '!', 'videoscale', '!', 'video/x-raw,width=1280,height=720,format=I420', '!',
      'x264enc', 'speed-preset=ultrafast', 'bitrate=2000', 'pass=cbr', 'vbv-buf-capacity=0', '!', 'h264parse', '!', 'mp4mux', '!', 'filesink', 'location=out.mp4'],
    run: { kind: 'files', files: [{ name: 'out.mp4', video: { codec: 'h264', width: 1280, height: 720, frames: 30 } }] },
  },
  {
    name: 'file source straight into a file sink (a byte copy), also as a shell command',
    build: (f) => new PipelineBuilder().addSource('file', f.input).addSink('file', f.out('copy.bin')),
    expected: `filesrc ${HOSTILE_LOCATION} ! filesink location=copy.bin`,
    shell: `gst-launch-1.0 -e filesrc 'location="it'\\''s \\"my\\" clip! (a=b,c) é 日本.mp4"' ! filesink location=copy.bin`,
    run: { kind: 'copy', output: 'copy.bin' },
  },
  {
    name: 'tee: one test source into H.264/mp4 and VP8/webm branches, each with its muxer',
    build: (f) => new PipelineBuilder()
      .add('videotestsrc', { 'num-buffers': 30 }).caps(TEST_320).tee('t')
      .from('t').queue().addEncoder('h264', { speedPreset: 'ultrafast' }).addSink('file', f.out('tee.mp4'))
      .from('t').queue().addEncoder('vp8', { speedPreset: 'ultrafast' }).addSink('file', f.out('tee.webm')),
    expected: `videotestsrc num-buffers=30 ! ${TEST_320} ! tee name=t `
      + `t. ! ${UNLIMITED} ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 ! h264parse ! mp4mux ! filesink location=tee.mp4 `
      + `t. ! ${UNLIMITED} ! video/x-raw,format=I420 ! vp8enc deadline=1 cpu-used=16 threads=0 end-usage=cq cq-level=22 target-bitrate=100000000 min-quantizer=0 max-quantizer=63 `
      + '! webmmux ! filesink location=tee.webm',
    run: {
      kind: 'files',
      files: [
        { name: 'tee.mp4', video: { codec: 'h264', width: 320, height: 240, frames: 30 } },
        { name: 'tee.webm', video: { codec: 'vp8', width: 320, height: 240, frames: 30 } },
      ],
    },
  },
  {
    name: 'audio and video, each encoded and parsed, into one mp4mux by pad name',
    build: (f) => new PipelineBuilder()
      .add('mp4mux', {}, 'mux').add('filesink', { location: f.out('av.mp4') })
      .chain().add('videotestsrc', { 'num-buffers': 30 }).caps(TEST_320).addEncoder('h264', { speedPreset: 'ultrafast' }).queue().to('mux', 'video_0')
      .chain().add('audiotestsrc', { 'num-buffers': 30, samplesperbuffer: 1600 }).caps('audio/x-raw,rate=48000,channels=2')
      .add('audioconvert').add('avenc_aac').add('aacparse').queue().to('mux', 'audio_0'),
    expected: 'mp4mux name=mux ! filesink location=av.mp4 '
      + `videotestsrc num-buffers=30 ! ${TEST_320},format=I420 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 ! h264parse ! ${UNLIMITED} ! mux.video_0 `
      + `audiotestsrc num-buffers=30 samplesperbuffer=1600 ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! avenc_aac ! aacparse ! ${UNLIMITED} ! mux.audio_0`,
    run: {
      kind: 'files',
      files: [{ name: 'av.mp4', video: { codec: 'h264', width: 320, height: 240, frames: 30 }, audio: { codec: 'aac', sampleRate: 48000, channels: 2 } }],
    },
  },
  {
    name: 'conflicting adjacent caps: the second becomes a capsfilter element',
    build: (f) => new PipelineBuilder()
      .add('videotestsrc', { 'num-buffers': 30 }).caps(TEST_320).caps('video/x-raw,width=[160,640]')
      .addEncoder('x264', { bitrate: 500, speedPreset: 'ultrafast' }).addSink('file', f.out('capsfilter.mkv')),
    expected: `videotestsrc num-buffers=30 ! ${TEST_320} ! capsfilter caps="video/x-raw,width=[160,640]" ! video/x-raw,format=I420 ! `
      + 'x264enc speed-preset=ultrafast bitrate=500 pass=cbr vbv-buf-capacity=0 ! h264parse ! matroskamux ! filesink location=capsfilter.mkv',
    run: { kind: 'files', files: [{ name: 'capsfilter.mkv', video: { codec: 'h264', width: 320, height: 240, frames: 30 } }] },
  },
  {
    name: 'bitrate units: vp8 in bit/s into webm, av1 in kbit/s into mkv',
    build: (f) => new PipelineBuilder()
      .add('videotestsrc', { 'num-buffers': 30 }).caps(TEST_320).tee('t')
      .from('t').queue().addEncoder('vp8', { bitrate: 500, speedPreset: 'ultrafast' }).addSink('file', f.out('rate.webm'))
      .from('t').queue().addEncoder('av1', { bitrate: 500, speedPreset: 'ultrafast' }).addSink('file', f.out('rate.mkv')),
    expected: `videotestsrc num-buffers=30 ! ${TEST_320} ! tee name=t `
      + `t. ! ${UNLIMITED} ! video/x-raw,format=I420 ! vp8enc deadline=1 cpu-used=16 threads=0 end-usage=vbr target-bitrate=500000 ! webmmux ! filesink location=rate.webm `
      + `t. ! ${UNLIMITED} ! video/x-raw,format=I420 ! av1enc cpu-used=9 row-mt=true threads=0 usage-profile=realtime end-usage=vbr target-bitrate=500 min-quantizer=0 max-quantizer=63 `
      + '! av1parse ! matroskamux ! filesink location=rate.mkv',
    run: {
      kind: 'files',
      files: [
        { name: 'rate.webm', video: { codec: 'vp8', width: 320, height: 240, frames: 30 } },
        { name: 'rate.mkv', video: { codec: 'av1', width: 320, height: 240, frames: 30 } },
      ],
    },
  },
  {
    // No camera on the test machines: the run proves parse and link, and that the only failure
    // is v4l2src not finding the (deliberately absent) device.
    name: 'v4l2src with caps and a leaky queue (absent device: fails only in v4l2src)',
    build: () => new PipelineBuilder()
      .addSource('v4l2', '/dev/lydlr-absent-camera').caps('video/x-raw, width=640').queue({ leaky: 'downstream', 'max-size-buffers': 2 }).addSink('fake'),
    expected: 'v4l2src device=/dev/lydlr-absent-camera ! video/x-raw,width=640 ! queue leaky=downstream max-size-buffers=2 ! fakesink',
    run: { kind: 'element-error', element: 'v4l2src0', message: /Cannot identify device '\/dev\/lydlr-absent-camera'/ },
  },
];
