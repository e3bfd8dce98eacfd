import { describe, expect, it } from 'vitest';
import { buildWebrtcMedia } from '../../../../src/jobs/webrtc/media.js';
import type { WebrtcPlan } from '../../../../src/jobs/webrtc/plan.js';
import { parseInputSpec } from '../../../../src/pipeline/sources.js';

const plan = (over: Partial<WebrtcPlan> & { spec?: string } = {}): WebrtcPlan => ({
  input: parseInputSpec(over.spec ?? 'test', { live: true }),
  codec: 'vp8',
  settings: { bitrateKbps: 1500, preset: 'veryfast', keyframeInterval: 60, lowLatency: true },
  size: { width: 640, height: 360 },
  fps: 30,
  audio: true,
  loop: false,
  media: undefined,
  ...over,
});

describe('buildWebrtcMedia', () => {
  it('test source: live, one VP8 encode into tee vt, Opus into tee at', () => {
    const m = buildWebrtcMedia(plan());
    expect(m.media).toBe(
      'videotestsrc pattern=smpte is-live=true ! video/x-raw,width=640,height=360,framerate=30/1 ! queue ! videoconvert ! video/x-raw,format=I420 '
      + '! vp8enc deadline=1 cpu-used=12 threads=0 keyframe-max-dist=60 error-resilient=default lag-in-frames=0 end-usage=cbr target-bitrate=1500000 ! tee name=vt '
      + 'audiotestsrc wave=sine freq=440 volume=0.3 is-live=true samplesperbuffer=1600 ! audio/x-raw,rate=48000,channels=2 ! queue ! audioconvert ! audioresample '
      + '! audio/x-raw,rate=48000,channels=2 ! opusenc bitrate=64000 ! tee name=at',
    );
    expect(m.video).toEqual({ tee: 'vt', codec: 'vp8' });
    expect(m.audio).toEqual({ tee: 'at', codec: 'opus' });
    expect(m.media).not.toContain('clocksync');
  });

  it('H.264: I420 in, zerolatency (no B-frames), constrained baseline out, parsed', () => {
    const m = buildWebrtcMedia(plan({ codec: 'h264' }));
    expect(m.media).toContain('! video/x-raw,format=I420 ! x264enc speed-preset=veryfast tune=zerolatency key-int-max=60 bitrate=1500 pass=cbr ! video/x-h264,profile=constrained-baseline ! h264parse ! tee name=vt');
  });

  it('VP9 goes through vp9parse', () => {
    expect(buildWebrtcMedia(plan({ codec: 'vp9' })).media).toMatch(/vp9enc .*row-mt=true.* ! vp9parse ! tee name=vt/);
  });

  it('a file is decoded once and paced to the clock (clocksync) on both branches', () => {
    const m = buildWebrtcMedia(plan({ spec: '/media/my "clip" !.mp4', size: undefined, fps: undefined }));
    expect(m.media).toContain('filesrc name=in_src location="/media/my \\"clip\\" !.mp4" ! decodebin name=in');
    expect(m.media).toContain('in. ! video/x-raw ! clocksync ! queue ! videoconvert ! video/x-raw,format=I420 ! vp8enc');
    expect(m.media).toContain('in. ! audio/x-raw ! clocksync ! queue ! audioconvert');
    expect(m.factories).toEqual(expect.arrayContaining(['filesrc', 'decodebin', 'clocksync', 'vp8enc', 'opusenc', 'tee']));
  });

  it('a file scaled: videoscale and the size in the raw caps', () => {
    expect(buildWebrtcMedia(plan({ spec: 'a.mp4', size: { width: 1280, height: 720 }, fps: undefined })).media)
      .toContain('! videoscale ! video/x-raw,format=I420,width=1280,height=720 !');
  });

  it('a live URI is not paced; without audio there is no audio tee', () => {
    const m = buildWebrtcMedia(plan({ spec: 'rtsp://cam.local/stream', audio: false, size: undefined, fps: undefined }));
    expect(m.media).toContain('urisourcebin name=in_src uri=rtsp://cam.local/stream ! decodebin name=in in. ! video/x-raw ! queue');
    expect(m.media).not.toContain('clocksync');
    expect(m.media).not.toContain('tee name=at');
    expect(m.audio).toBeNull();
  });
});
