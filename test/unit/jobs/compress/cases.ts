// Compress plans and the exact pipeline each must build. The unit test checks the text; the e2e
// test (compress-pipelines) plans the same job through the CLI, checks it prints this text, and
// runs this text with gst-launch-1.0, so every shape here is known to work, not just to print.
import type { CompressPlan } from '../../../../src/jobs/compress/pipeline.js';

/** Stand-in paths: the e2e test swaps them for its real input and output. */
export const IN = '/in/av.mp4';
/** The same clip with 10-bit H.264 video (High 10). */
export const IN10 = '/in/av10.mp4';
/** A 1280x720 twin (H.264 + AAC): above GStreamer's 576-line SD/HD colorimetry line. */
export const IN720 = '/in/av720.mp4';
export const writeToFor = (ext: string): string => `/out/.out.partial.${ext}`;

export interface PipelineCase {
  name: string;
  /** The CLI input: the shared clip (IN), its 10-bit twin (IN10) or a test source. */
  input: string;
  /** CLI flags that plan this job from that input. */
  flags: string[];
  ext: string;
  plan: CompressPlan;
  pipeline: string;
  /** What ffprobe must find in the file the pipeline writes (color_space: the matrix its video says it uses). */
  expect: { video: string; audio: string | undefined; formatName: string; width: number; height: number; colorSpace?: string };
}

// The clips the e2e test makes: 320x240 H.264 (8-bit 4:2:0, and 10-bit) + AAC at 30 fps in MP4.
const clip = { kind: 'file', spec: IN, path: IN, live: false } as const;
const clip10 = { kind: 'file', spec: IN10, path: IN10, live: false } as const;
const clip720 = { kind: 'file', spec: IN720, path: IN720, live: false } as const;
const avdec = { element: 'avdec_h264' };
// x264's frame threads as planned on 2 cores (the e2e test plans on its own machine and puts this figure back).
export const X264_THREADS_2_CORES = 4;
const medium = { bitrateKbps: undefined, level: undefined, preset: undefined, threads: X264_THREADS_2_CORES };
const Q = 'queue max-size-buffers=0 max-size-bytes=0 max-size-time=0';
const STATS = 'identity name=lydlr_stats0 silent=false';
const DECODED = `filesrc name=in_src location=${IN} ! decodebin name=in in. ! video/x-raw ! queue ! videoconvert`;
// 8-bit 4:2:0 H.264 goes straight to avdec_h264, whose I420 frames need no videoconvert.
const PARSED = `filesrc location=${IN} ! parsebin name=in in. ! video/x-h264 ! avdec_h264 ! queue max-size-buffers=3`;

export const PIPELINE_CASES: PipelineCase[] = [
  {
    name: 'mp4, no flags: video re-encoded, AAC copied through parsebin',
    input: IN,
    flags: [],
    ext: 'mp4',
    plan: { input: clip, writeTo: writeToFor('mp4'), container: 'mp4', codec: 'h264', encoder: 'x264enc', settings: medium, audio: { mode: 'copy', codec: 'aac', caps: 'audio/mpeg,mpegversion=4' }, videoCaps: 'video/x-h264', directDecoder: avdec },
    pipeline:
      `mp4mux name=mux ! filesink location=/out/.out.partial.mp4 ${PARSED} ! video/x-raw,format=I420 ! x264enc speed-preset=medium rc-lookahead=20 pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/mpeg,mpegversion=4 ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'aac', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 320, height: 240 },
  },
  {
    name: 'mp4 from 10-bit H.264: decodebin and videoconvert kept (they make the I420 x264enc is fed), AAC copied',
    input: IN10,
    flags: [],
    ext: 'mp4',
    plan: { input: clip10, writeTo: writeToFor('mp4'), container: 'mp4', codec: 'h264', encoder: 'x264enc', settings: medium, audio: { mode: 'copy', codec: 'aac', caps: 'audio/mpeg,mpegversion=4' }, videoCaps: 'video/x-h264' },
    pipeline:
      `mp4mux name=mux ! filesink location=/out/.out.partial.mp4 filesrc location=${IN10} ! parsebin name=in in. ! video/x-h264 ! decodebin ! queue ! videoconvert ! video/x-raw,format=I420 ! x264enc speed-preset=medium rc-lookahead=20 pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/mpeg,mpegversion=4 ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'aac', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 320, height: 240 },
  },
  {
    name: 'mp4 --bitrate 400 --fps 15 --audio aac: videorate, CBR without VBV, AAC re-encoded',
    input: IN,
    flags: ['--bitrate', '400', '--fps', '15', '--audio', 'aac'],
    ext: 'mp4',
    plan: { input: clip, writeTo: writeToFor('mp4'), container: 'mp4', codec: 'h264', encoder: 'x264enc', settings: { ...medium, bitrateKbps: 400 }, audio: { mode: 'encode', codec: 'aac' }, fps: 15, videoCaps: 'video/x-h264' },
    pipeline:
      `mp4mux name=mux ! filesink location=/out/.out.partial.mp4 ${DECODED} ! videorate ! video/x-raw,format=I420,framerate=15/1 ! x264enc speed-preset=medium rc-lookahead=20 bitrate=400 pass=cbr vbv-buf-capacity=0 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/x-raw ! queue ! audioconvert ! audioresample ! avenc_aac ! aacparse ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'aac', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 320, height: 240 },
  },
  {
    name: 'mkv --scale 160x120 --audio none --level 0.8 --preset ultrafast: videoscale, no audio branch',
    input: IN,
    flags: ['--scale', '160x120', '--audio', 'none', '--level', '0.8', '--preset', 'ultrafast'],
    ext: 'mkv',
    plan: { input: clip, writeTo: writeToFor('mkv'), container: 'mkv', codec: 'h264', encoder: 'x264enc', settings: { ...medium, level: 0.8, preset: 'ultrafast' }, audio: { mode: 'none', reason: '--audio none' }, size: { width: 160, height: 120 }, colorimetry: 'bt601', videoCaps: 'video/x-h264' },
    pipeline: `matroskamux name=mux ! filesink location=/out/.out.partial.mkv ${DECODED} ! videoscale ! video/x-raw,format=I420,width=160,height=120,colorimetry=bt601 ! x264enc speed-preset=ultrafast pass=qual quantizer=35 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u`,
    expect: { video: 'h264', audio: undefined, formatName: 'matroska,webm', width: 160, height: 120, colorSpace: 'smpte170m' },
  },
  {
    // Unstated, 720p frames read as BT.709 and 360p ones as BT.601: without the input's colorimetry on the
    // scaled caps, the scale would also convert every pixel between the two (pipeline/colorimetry.ts).
    name: 'mp4 of a 720p clip --scale 360p --preset ultrafast: the scale keeps the input\'s BT.709',
    input: IN720,
    flags: ['--scale', '360p', '--preset', 'ultrafast'],
    ext: 'mp4',
    plan: { input: clip720, writeTo: writeToFor('mp4'), container: 'mp4', codec: 'h264', encoder: 'x264enc', settings: { ...medium, preset: 'ultrafast' }, audio: { mode: 'copy', codec: 'aac', caps: 'audio/mpeg,mpegversion=4' }, size: { width: 640, height: 360 }, colorimetry: 'bt709', videoCaps: 'video/x-h264', directDecoder: avdec },
    pipeline:
      `mp4mux name=mux ! filesink location=/out/.out.partial.mp4 ${PARSED.replace(IN, IN720)} ! videoscale ! video/x-raw,format=I420,width=640,height=360,colorimetry=bt709 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/mpeg,mpegversion=4 ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'aac', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 640, height: 360, colorSpace: 'bt709' },
  },
  {
    name: 'webm --codec vp8: AAC cannot go in, so it is re-encoded to Opus at 48 kHz',
    input: IN,
    flags: ['--codec', 'vp8', '--preset', 'ultrafast'],
    ext: 'webm',
    plan: { input: clip, writeTo: writeToFor('webm'), container: 'webm', codec: 'vp8', encoder: 'vp8enc', settings: { ...medium, threads: undefined, preset: 'ultrafast' }, audio: { mode: 'encode', codec: 'opus' }, videoCaps: 'video/x-h264' },
    pipeline:
      `webmmux name=mux ! filesink location=/out/.out.partial.webm ${DECODED} ! video/x-raw,format=I420 ! vp8enc deadline=1 cpu-used=16 threads=0 end-usage=cq cq-level=22 target-bitrate=100000000 min-quantizer=0 max-quantizer=63 ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/x-raw ! queue ! audioconvert ! audioresample ! audio/x-raw,rate=48000 ! opusenc ! ${Q} ! mux.audio_%u`,
    expect: { video: 'vp8', audio: 'opus', formatName: 'matroska,webm', width: 320, height: 240 },
  },
  {
    name: 'mkv --audio vorbis: vorbisenc with no parser after it',
    input: IN,
    flags: ['--audio', 'vorbis', '--preset', 'ultrafast'],
    ext: 'mkv',
    plan: { input: clip, writeTo: writeToFor('mkv'), container: 'mkv', codec: 'h264', encoder: 'x264enc', settings: { ...medium, preset: 'ultrafast' }, audio: { mode: 'encode', codec: 'vorbis' }, videoCaps: 'video/x-h264' },
    pipeline:
      `matroskamux name=mux ! filesink location=/out/.out.partial.mkv ${DECODED} ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/x-raw ! queue ! audioconvert ! audioresample ! vorbisenc ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'vorbis', formatName: 'matroska,webm', width: 320, height: 240 },
  },
  {
    name: 'mov --audio mp3: lamemp3enc then mpegaudioparse into qtmux',
    input: IN,
    flags: ['--audio', 'mp3', '--preset', 'ultrafast'],
    ext: 'mov',
    plan: { input: clip, writeTo: writeToFor('mov'), container: 'mov', codec: 'h264', encoder: 'x264enc', settings: { ...medium, preset: 'ultrafast' }, audio: { mode: 'encode', codec: 'mp3' }, videoCaps: 'video/x-h264' },
    pipeline:
      `qtmux name=mux ! filesink location=/out/.out.partial.mov ${DECODED} ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `in. ! audio/x-raw ! queue ! audioconvert ! audioresample ! lamemp3enc ! mpegaudioparse ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'mp3', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 320, height: 240 },
  },
  {
    name: 'flv: AAC copied, linked to flvmux\'s fixed video and audio pads',
    input: IN,
    flags: ['--preset', 'ultrafast'],
    ext: 'flv',
    plan: { input: clip, writeTo: writeToFor('flv'), container: 'flv', codec: 'h264', encoder: 'x264enc', settings: { ...medium, preset: 'ultrafast' }, audio: { mode: 'copy', codec: 'aac', caps: 'audio/mpeg,mpegversion=4' }, videoCaps: 'video/x-h264', directDecoder: avdec },
    pipeline:
      `flvmux name=mux ! filesink location=/out/.out.partial.flv ${PARSED} ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video ` +
      `in. ! audio/mpeg,mpegversion=4 ! ${Q} ! mux.audio`,
    expect: { video: 'h264', audio: 'aac', formatName: 'flv', width: 320, height: 240 },
  },
  {
    name: 'ts: AAC copied, both streams on mpegtsmux sink_%d pads',
    input: IN,
    flags: ['--preset', 'ultrafast'],
    ext: 'ts',
    plan: { input: clip, writeTo: writeToFor('ts'), container: 'ts', codec: 'h264', encoder: 'x264enc', settings: { ...medium, preset: 'ultrafast' }, audio: { mode: 'copy', codec: 'aac', caps: 'audio/mpeg,mpegversion=4' }, videoCaps: 'video/x-h264', directDecoder: avdec },
    pipeline:
      `mpegtsmux name=mux ! filesink location=/out/.out.partial.ts ${PARSED} ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.sink_%d ` +
      `in. ! audio/mpeg,mpegversion=4 ! ${Q} ! mux.sink_%d`,
    expect: { video: 'h264', audio: 'aac', formatName: 'mpegts', width: 320, height: 240 },
  },
  {
    name: 'test:ball --duration 1 --scale 320x240: test sources sized and counted, raw audio encoded to AAC',
    input: 'test:ball',
    flags: ['--duration', '1', '--scale', '320x240', '--preset', 'ultrafast'],
    ext: 'mp4',
    plan: {
      input: { kind: 'test', spec: 'test:ball', pattern: 'ball', live: false },
      writeTo: writeToFor('mp4'),
      container: 'mp4',
      codec: 'h264',
      encoder: 'x264enc',
      settings: { ...medium, preset: 'ultrafast' },
      audio: { mode: 'encode', codec: 'aac' },
      size: { width: 320, height: 240 },
      durationSeconds: 1,
    },
    pipeline:
      `mp4mux name=mux ! filesink location=/out/.out.partial.mp4 videotestsrc pattern=ball is-live=false num-buffers=30 ! video/x-raw,width=320,height=240,framerate=30/1 ! queue ! videoconvert ! videoscale ! video/x-raw,format=I420,width=320,height=240 ! x264enc speed-preset=ultrafast pass=qual quantizer=23 threads=4 ! h264parse ! ${STATS} ! ${Q} ! mux.video_%u ` +
      `audiotestsrc wave=sine freq=440 volume=0.3 is-live=false samplesperbuffer=1600 num-buffers=30 ! audio/x-raw,rate=48000,channels=2 ! queue ! audioconvert ! audioresample ! avenc_aac ! aacparse ! ${Q} ! mux.audio_%u`,
    expect: { video: 'h264', audio: 'aac', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 320, height: 240 },
  },
];
