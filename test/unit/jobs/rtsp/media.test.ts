// Mount planning and pipelines from recorded gst-discoverer output: no process is spawned.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiscoverer } from '../../../../src/gst/discover/parse.js';
import type { MediaInfo } from '../../../../src/gst/discover/schema.js';
import { parseRtspOptions, mountSettings, type RtspOptionsInput } from '../../../../src/jobs/rtsp/options.js';
import { planMount, type Probe } from '../../../../src/jobs/rtsp/plan.js';
import { mountLaunch } from '../../../../src/jobs/rtsp/media.js';
import { planServer } from '../../../../src/jobs/rtsp/server-plan.js';
import { mountUrl } from '../../../../src/jobs/rtsp/urls.js';
import { maskUrl, publishPipeline, publishProtocol } from '../../../../src/jobs/rtsp/publish-pipeline.js';
import { UsageError } from '../../../../src/errors.js';
import type { LimitsOf } from '../../../../src/jobs/encoder-limits.js';

const DIR = join(import.meta.dirname, '../../../fixtures/gst-1.22/discover');
const recorded = (name: string): MediaInfo => parseDiscoverer(readFileSync(join(DIR, name), 'utf8')).info!;
const AV = recorded('h264-aac.mp4.txt'); // 1280x720 30 fps, AAC
const ODD = recorded('video-only-641x361.mkv.txt');
const VFR = recorded('vfr-0fps.mkv.txt');
// Every file input "is" the recording named by its extension.
const probe: Probe = async (input) => (input.kind === 'file' ? (input.path.endsWith('.mkv') ? (input.path.includes('vfr') ? VFR : ODD) : AV) : undefined);
// x264enc's limits as gst-inspect reports them with videoscale's (GStreamer 1.22).
const limitsOf: LimitsOf = async () => ({ encoder: 'x264enc', width: { min: 16, max: 32767 }, height: { min: 16, max: 32767 }, fps: { min: 0, max: 2147483647 }, bitrateKbps: { min: 1, max: 2048000 } });
const options = (over: Partial<RtspOptionsInput> = {}) => parseRtspOptions({ mounts: [{ path: '/stream', input: 'test' }], ...over });
const plan = async (input: string, over: Partial<RtspOptionsInput> = {}) => {
  const o = options({ ...over, mounts: [{ path: '/s', input }] });
  return planMount(mountSettings(o, o.mounts[0]!), probe, limitsOf);
};
const launch = async (input: string, over: Partial<RtspOptionsInput> = {}) => mountLaunch(await plan(input, over));

describe('mountLaunch', () => {
  it('test source: live, 720p30, one low-latency H.264 encode, 1 s keyframes, headers with every keyframe', async () => {
    expect(await launch('test')).toBe(
      '( videotestsrc pattern=smpte is-live=true ! video/x-raw,width=1280,height=720,framerate=30/1 ! queue ! videoconvert ! video/x-raw,format=I420 ! '
      + 'x264enc speed-preset=veryfast tune=zerolatency key-int-max=30 bitrate=2000 pass=cbr ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )',
    );
  });

  it('a file with AAC: decodebin, video as pay0, audio re-encoded as pay1; odd paths quoted', async () => {
    const text = await launch('/media/my "clip", take 1!.mp4');
    expect(text).toContain('filesrc name=in_src location="/media/my \\"clip\\", take 1!.mp4" ! decodebin name=in');
    expect(text).toContain('rtph264pay name=pay0 pt=96 config-interval=-1');
    expect(text).toContain('in. ! audio/x-raw ! queue ! audioconvert ! audioresample ! avenc_aac bitrate=128000 ! aacparse ! rtpmp4gpay name=pay1 pt=97 )');
  });

  it.each([
    ['h265', 'x265enc', 'rtph265pay name=pay0 pt=96 config-interval=-1', 'avenc_aac'],
    ['vp8', 'vp8enc', 'rtpvp8pay name=pay0 pt=96', 'opusenc'],
    ['vp9', 'vp9enc', 'rtpvp9pay name=pay0 pt=96', 'opusenc'],
  ])('--codec %s: %s, its payloader, and the audio codec that suits it', async (codec, encoder, payloader, audio) => {
    const text = await launch('clip.mp4', { codec });
    expect(text).toContain(encoder);
    expect(text).toContain(payloader);
    expect(text).toContain(audio);
  });

  it('--scale keeps the aspect, --fps adds videorate and sets the keyframe interval in frames', async () => {
    const text = await launch('clip.mp4', { scale: '360p', fps: 25, keyframeInterval: 2 });
    expect(text).toContain('videoscale ! videorate ! video/x-raw,format=I420,width=640,height=360,colorimetry=bt709,framerate=25/1');
    expect(text).toContain('key-int-max=50');
  });

  it('an odd-sized input is scaled to even sides (4:2:0); a VFR input gets the default 30-frame interval', async () => {
    expect(await launch('odd.mkv')).toContain('video/x-raw,format=I420,width=642,height=362');
    expect(await launch('vfr.mkv')).toContain('key-int-max=30');
  });

  it('audio: none drops it; test sources get a tone only when asked', async () => {
    expect(await launch('clip.mp4', { audio: 'none' })).not.toContain('pay1');
    expect(await launch('test', { audio: 'opus' })).toContain('audiotestsrc');
    expect(await launch('test', { audio: 'opus' })).toContain('rtpopuspay name=pay1 pt=97');
  });

  it('refuses what cannot work, before anything runs', async () => {
    await expect(plan('odd.mkv', { audio: 'aac' })).rejects.toThrow(/has no audio track/);
    await expect(plan('/dev/video0', { audio: 'aac' })).rejects.toThrow(/a camera input carries no audio/);
    await expect(plan('-')).rejects.toThrow(/standard input cannot be served/);
    await expect(plan('test:nope')).rejects.toThrow(UsageError);
  });

  it('a camera: v4l2src, no probe, scaled on request', async () => {
    const text = await launch('/dev/video2', { scale: '1280x720' });
    expect(text).toContain('v4l2src name=in_src device=/dev/video2 ! decodebin name=in');
    expect(text).toContain('width=1280,height=720');
  });
});

describe('planServer', () => {
  it('--loop loops the files among the mounts and is refused when it would loop nothing', async () => {
    const mixed = await planServer(options({ loop: true, mounts: [{ path: '/a', input: 'clip.mp4' }, { path: '/b', input: 'test' }] }), probe, limitsOf);
    expect(mixed.config.mounts.map((m) => [m.path, m.loop])).toEqual([['/a', true], ['/b', false]]);
    await expect(planServer(options({ loop: true }), probe, limitsOf)).rejects.toThrow(/--loop restarts files; test is not a file/);
    await expect(planServer(options({ mounts: [{ path: '/a', input: 'clip.mp4' }, { path: '/b', input: 'test', loop: true }] }), probe, limitsOf)).rejects.toThrow(/test is not a file/);
  });

  it('a mount whose --scale or --bitrate the encoder cannot take is refused with the flag and the limits', async () => {
    await expect(planServer(options({ scale: '40000x40000' }), probe, limitsOf)).rejects.toThrow(/--scale 40000x40000 asks for 40000x40000 \(even sides\), which x264enc cannot encode/);
    await expect(planServer(options({ mounts: [{ path: '/a', input: 'clip.mp4', bitrate: 900000 }], codec: 'h264' }), probe, async () => ({ ...(await limitsOf('h264')), bitrateKbps: { min: 1, max: 100000 } }))).rejects.toThrow(/--bitrate 900000 kbit\/s is outside what x264enc takes/);
    await expect(planServer(options({ scale: '1280x720' }), probe, limitsOf)).resolves.toBeDefined();
  });

  it('asks the encoder for its limits (a gst-inspect) only when a flag goes beyond the defaults', async () => {
    let asked = 0;
    const counting: LimitsOf = async (codec) => (asked++, limitsOf(codec));
    await planServer(options({}), probe, counting);
    await planServer(options({ bitrate: 2000 }), probe, counting); // the default, said out loud
    expect(asked).toBe(0);
    await planServer(options({ bitrate: 3000 }), probe, counting);
    await planServer(options({ fps: 25 }), probe, counting);
    expect(asked).toBe(2);
  });

  it('the host config: shared mounts, auth, transport, stats in ms', async () => {
    const { config } = await planServer(options({ host: '0.0.0.0', port: 0, transport: 'tcp', auth: [{ user: 'a', pass: 'b' }], authScheme: 'digest', statsInterval: 2.5 }), probe, limitsOf);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 0, protocols: 'tcp', authScheme: 'digest', auth: [{ user: 'a', pass: 'b' }], multicast: false, statsIntervalMs: 2500 });
    expect(config.mounts[0]).toMatchObject({ path: '/stream', shared: true, loop: false, record: false, recorded: false });
  });

  it('a mount kept by --record is marked recorded: the host then gives it an open range (ends by BYE only)', async () => {
    const { config } = await planServer(options({ record: '/tmp/kept' }), probe, limitsOf);
    expect(config.mounts.map((m) => m.recorded)).toEqual([true]);
  });

  it('mountUrl brackets IPv6 hosts', () => {
    expect(mountUrl('127.0.0.1', 8554, '/a')).toBe('rtsp://127.0.0.1:8554/a');
    expect(mountUrl('::1', 8554, '/a')).toBe('rtsp://[::1]:8554/a');
  });
});

describe('publishPipeline', () => {
  it.each([
    ['rtsp://media:8554/cam', 'tcp', ['rtspclientsink', 'name=out', 'location=rtsp://media:8554/cam', 'protocols=tcp'], 'h264parse ! out. in.'],
    ['srt://media:8890?streamid=publish:cam', 'udp-tcp', ['mpegtsmux', 'name=out', 'alignment=7', '!', 'srtsink', 'uri="srt://media:8890?streamid=publish:cam"'], 'h264parse config-interval=-1 ! queue'],
    ['rtmp://live/app/key', 'udp-tcp', ['flvmux', 'name=out', 'streamable=true', '!', 'rtmp2sink', 'location=rtmp://live/app/key'], '! out.video'],
  ] as const)('%s', async (url, transport, head, inside) => {
    const p = await plan('clip.mp4', { publish: url });
    const builder = publishPipeline(p, url, transport);
    expect(builder.toArgv().slice(0, head.length)).toEqual(head);
    expect(builder.build()).toContain(inside);
    expect(builder.build()).not.toContain('pay0');
    expect(builder.build()).toMatch(/aacparse ! queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! out\.(audio|sink_%d)?( |$)/);
  });

  it('protocols and masked URLs', () => {
    expect(['rtsps://a/b', 'srt://a:1', 'rtmps://a/b/c'].map(publishProtocol)).toEqual(['rtsp', 'srt', 'rtmp']);
    expect(maskUrl('rtsp://ann:s3cret@media:8554/cam')).toBe('rtsp://ann:***@media:8554/cam');
    expect(maskUrl('srt://media:8890?streamid=x&passphrase=longsecret1')).toBe('srt://media:8890?streamid=x&passphrase=***');
    expect(maskUrl('rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl')).toBe('rtmp://a.rtmp.youtube.com/live2/***');
    expect(maskUrl('rtsp://media:8554/cam')).toBe('rtsp://media:8554/cam');
  });
});
