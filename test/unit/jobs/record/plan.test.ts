import { describe, expect, it } from 'vitest';
import { planRecord, type SourceFacts } from '../../../../src/jobs/record/plan.js';
import { parseRecordOptions } from '../../../../src/jobs/record/options.js';
import { buildRecordPipeline } from '../../../../src/jobs/record/pipeline.js';
import { sourceAudio } from '../../../../src/jobs/record/probe.js';

const plan = (input: string, facts: SourceFacts, o: Record<string, unknown> = {}) => planRecord(parseRecordOptions({ input, outputDir: 'rec', ...o }), facts);
const aac = sourceAudio({ codec: 'audio/mpeg', codecName: 'aac' });
const opus = sourceAudio({ codec: 'audio/x-opus', codecName: 'opus' });

describe('record audio plan', () => {
  it('AAC beside kept H.264 is copied; Opus beside it is decoded from parsebin and encoded', () => {
    expect(plan('a.mp4', { videoCodec: 'h264', fps: 30, videoCaps: 'video/x-h264', audio: aac })).toMatchObject({ keptCodec: 'h264', parsed: true, audio: { copy: true } });
    expect(plan('a.mkv', { videoCodec: 'h264', fps: 30, videoCaps: 'video/x-h264', audio: opus })).toMatchObject({ parsed: true, audio: { copy: false, source: { codecName: 'opus', caps: 'audio/x-opus' } } });
  });

  it('AAC beside encoded video is copied when the probe named the video caps (parsebin, then decodebin for the video), else encoded', () => {
    expect(plan('a.mkv', { videoCodec: 'vp8', fps: 30, videoCaps: 'video/x-vp8', audio: aac })).toMatchObject({ keptCodec: undefined, parsed: true, audio: { copy: true } });
    expect(plan('a.mkv', { videoCodec: 'vp8', fps: 30, audio: aac })).toMatchObject({ parsed: false, audio: { copy: false } });
  });

  it('a test source records its tone encoded; a camera, a silent file and --no-audio record none', () => {
    expect(plan('test', { videoCodec: undefined, fps: undefined }).audio).toEqual({ copy: false, source: { codecName: 'pcm', caps: 'audio/x-raw' } });
    expect(plan('/dev/video0', { videoCodec: undefined, fps: undefined }).audio).toBeUndefined();
    expect(plan('a.mp4', { videoCodec: 'h264', fps: 30 }).audio).toBeUndefined();
    expect(plan('a.mp4', { videoCodec: 'h264', fps: 30, audio: aac }, { audio: false }).audio).toBeUndefined();
  });

  it('MPEG audio is told apart by version: AAC is 2 or 4, MP3 and MP2 are 1', () => {
    expect(aac.caps).toBe('audio/mpeg,mpegversion=(int){2,4}');
    expect(sourceAudio({ codec: 'audio/mpeg', codecName: 'mp3' }).caps).toBe('audio/mpeg,mpegversion=1');
  });
});

describe('RTSP with a kept codec', () => {
  it('depays the RTP pads itself (rtsp://, rtspt://); a file, or RTSP whose video is encoded, goes through parsebin or decodebin', () => {
    const facts: SourceFacts = { videoCodec: 'h264', fps: 30, audio: aac };
    expect(plan('rtsp://cam/live', facts)).toMatchObject({ keptCodec: 'h264', rtpDepay: true, audio: { copy: true } });
    expect(plan('rtspt://127.0.0.1:8554/stream', facts)).toMatchObject({ rtpDepay: true, retry: true });
    expect(plan('a.mp4', facts).rtpDepay).toBe(false);
    expect(plan('rtsp://cam/mjpeg', { videoCodec: 'jpeg', fps: 30 })).toMatchObject({ keptCodec: undefined, rtpDepay: false });
  });

  // The record e2e's recording of `lydlr-gst rtsp` (server restarted mid-way) runs this one.
  it('video from the RTP pad rtph264depay takes (no caps filter), AAC from the RTP audio pad through a parsebin of its own', () => {
    const p = plan('rtspt://127.0.0.1:8554/stream', { videoCodec: 'h264', fps: 30, audio: aac });
    expect(buildRecordPipeline(p, 'rec/%05d.mp4').build()).toBe('urisourcebin name=in uri=rtspt://127.0.0.1:8554/stream '
      + 'in. ! rtph264depay ! h264parse config-interval=-1 ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! rec.video '
      + 'in. ! application/x-rtp,media=audio ! parsebin ! audio/mpeg,mpegversion=(int){2,4} ! aacparse ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! rec.audio_0 '
      + 'splitmuxsink name=rec location=rec/%05d.mp4 async-finalize=true muxer-factory=mp4mux '
      + 'muxer-properties="properties,fragment-duration=(uint)1000,fragment-mode=first-moov-then-finalise" max-size-time=60000000000 max-files=0');
  });

  // The pipeline e2e's `rtsp … --record DIR` runs this one (its recorder knows the served payloaders).
  it('with the audio depayloader known, neither RTP branch has a caps filter: each delayed link ends at its depayloader', () => {
    const p = plan('rtspt://127.0.0.1:8554/stream', { videoCodec: 'h264', fps: 30, audio: aac, rtpAudioDepayloader: 'rtpmp4gdepay' });
    const line = buildRecordPipeline(p, 'rec/%05d.mp4').build();
    expect(line).toContain('in. ! rtph264depay ! h264parse config-interval=-1 ! ');
    expect(line).toContain('in. ! rtpmp4gdepay ! audio/mpeg,mpegversion=(int){2,4} ! aacparse ! ');
    expect(line).not.toContain('application/x-rtp');
  });
});

describe('record pipeline with audio', () => {
  // The pipeline e2e's "H.264 + AAC mp4 → mp4 segments" runs.
  it('copied AAC: both branches from one parsebin, paced, into splitmuxsink\'s video and audio_0 pads', () => {
    const p = plan('a.mp4', { videoCodec: 'h264', fps: 30, videoCaps: 'video/x-h264', audio: aac }, { segment: 1 });
    expect(buildRecordPipeline(p, 'rec/%05d.mp4').build()).toBe(
      'filesrc location=a.mp4 ! parsebin name=in '
      + 'in. ! video/x-h264 ! h264parse config-interval=-1 ! clocksync ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! rec.video '
      + 'in. ! audio/mpeg,mpegversion=(int){2,4} ! aacparse ! clocksync ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! rec.audio_0 '
      + 'splitmuxsink name=rec location=rec/%05d.mp4 async-finalize=true muxer-factory=mp4mux '
      + 'muxer-properties="properties,fragment-duration=(uint)1000,fragment-mode=first-moov-then-finalise" max-size-time=1000000000 max-files=0',
    );
  });
});
