import { describe, expect, it } from 'vitest';
import { JobError } from '../../../../src/errors.js';
import { checkHelperConfig, helperConfig } from '../../../../src/jobs/webrtc/helper-config.js';
import type { WebrtcMedia } from '../../../../src/jobs/webrtc/media.js';
import { parseWebrtcOptions } from '../../../../src/jobs/webrtc/options.js';
import type { WebrtcPlan } from '../../../../src/jobs/webrtc/plan.js';

// Only the fields helperConfig reads.
const media = (codec: 'vp8' | 'h264', audio: boolean) =>
  ({ media: 'videotestsrc ! vp8enc ! tee name=vt', video: { tee: 'vt', codec }, audio: audio ? { tee: 'at', codec: 'opus' } : null }) as WebrtcMedia;
const plan = (loop: boolean) => ({ loop }) as WebrtcPlan;

const LIMITS = {
  videoQueueBuffers: 30, audioQueueBuffers: 50, capsTimeoutMs: 5000, gatherTimeoutMs: 5000, connectTimeoutMs: 30000,
  reapAfterMs: 4000, idleTimeoutMs: 10000, keyframeOnConnect: true, keyframeMinIntervalMs: 500,
};

describe('helperConfig', () => {
  it('VP8 + Opus, no ICE settings: the default payloaders and limits', () => {
    expect(helperConfig(parseWebrtcOptions({ input: 'test' }), plan(false), media('vp8', true))).toEqual({
      media: 'videotestsrc ! vp8enc ! tee name=vt',
      video: { tee: 'vt', payloader: 'rtpvp8pay picture-id-mode=15-bit mtu=1200' },
      audio: { tee: 'at', payloader: 'rtpopuspay mtu=1200' },
      stun: [], turn: [], icePorts: null, statsIntervalMs: 5000, ...LIMITS, loop: false,
    });
  });

  it('H.264 without audio, STUN/TURN in webrtcbin\'s spelling, ports, stats interval, loop; --ice-host stays here', () => {
    const options = parseWebrtcOptions({
      input: 'clip.mp4', codec: 'h264', stun: ['stun:stun.example.com'], turn: ['turn://me:p%40ss@relay.example.com:3479'],
      icePorts: '40000-40100', statsInterval: 0.5, iceHost: '203.0.113.5', loop: true,
    });
    const config = helperConfig(options, plan(true), media('h264', false));
    expect(config).toMatchObject({
      video: { tee: 'vt', payloader: 'rtph264pay config-interval=-1 aggregate-mode=zero-latency mtu=1200' },
      audio: null,
      stun: ['stun://stun.example.com:3478'],
      turn: ['turn://me:p%40ss@relay.example.com:3479'],
      icePorts: { min: 40000, max: 40100 },
      statsIntervalMs: 500,
      loop: true,
    });
    expect(JSON.stringify(config)).not.toContain('203.0.113.5');
  });
});

describe('checkHelperConfig', () => {
  const good = {
    media: 'videotestsrc ! tee name=vt', video: { tee: 'vt', payloader: 'rtpvp8pay' }, audio: null,
    stun: [], turn: [], icePorts: null, statsIntervalMs: 5000, ...LIMITS, loop: false,
  };

  it('takes a complete config as it is', () => {
    expect(checkHelperConfig(good)).toEqual(good);
  });

  it.each([
    [{ media: '  ' }, 'config.media', 'media must be a gst-launch description ending in named tees'],
    [{ video: { tee: '', payloader: 'rtpvp8pay' } }, 'config.video.tee', 'video.tee must name a tee in the media description'],
    [{ audio: { tee: 'at', payloader: '' } }, 'config.audio.payloader', 'audio.payloader must be a gst-launch description'],
    [{ stun: ['stun.example.com:3478'] }, 'config.stun.0', 'stun URLs look like stun://host:port'],
    [{ turn: ['relay.example.com'] }, 'config.turn.0', 'turn URLs look like turn://user:pass@host:port'],
    [{ icePorts: { min: 80, max: 90 } }, 'config.icePorts', 'icePorts must be {min, max} with 1024 <= min <= max <= 65535'],
    [{ icePorts: { min: 40100, max: 40000 } }, 'config.icePorts', 'icePorts must be {min, max}'],
    [{ idleTimeoutMs: 0 }, 'config.idleTimeoutMs', 'idleTimeoutMs must be a positive integer'],
    [{ videoQueueBuffers: 2.5 }, 'config.videoQueueBuffers', 'videoQueueBuffers must be a positive integer'],
    [{ loop: 'yes' }, 'config.loop', 'expected boolean'],
    [{ iceHost: '203.0.113.5' }, 'config', 'iceHost'],
  ])('refuses %j as our bug (%s)', (change, where, message) => {
    const check = () => checkHelperConfig({ ...good, ...change });
    expect(check).toThrow(JobError);
    expect(check).toThrow(`The WebRTC helper's config is wrong (${where}): `);
    expect(check).toThrow(message);
  });
});
