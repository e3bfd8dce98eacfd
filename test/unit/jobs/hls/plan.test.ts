import { describe, expect, it } from 'vitest';
import { parseHlsOptions, effectiveMaxFiles, type HlsOptionsInput } from '../../../../src/jobs/hls/options.js';
import { planHls, type InputFacts } from '../../../../src/jobs/hls/plan.js';
import { buildHlsPipeline, type SinkTarget } from '../../../../src/jobs/hls/pipeline.js';
import { entryPlaylist, sinkOutputs } from '../../../../src/jobs/hls/layout.js';
import { UsageError } from '../../../../src/errors.js';
import { thrown } from '../../../helpers/thrown.js';

const FILE_720P: InputFacts = { width: 1280, height: 720, fps: 30, hasVideo: true, hasAudio: true, durationSeconds: 10 };
const THREE_TRACKS: InputFacts = {
  ...FILE_720P,
  tracks: { audio: 3, subtitles: 0 },
  audioTracks: [{ language: 'en', channels: 2 }, { language: 'fr', channels: 2 }, { language: 'de', channels: 1 }],
};
const TEST_FACTS: InputFacts = { width: 1280, height: 720, fps: 30, hasVideo: true, hasAudio: true, durationSeconds: undefined };

// Planned for 2 cores, whatever this machine has (x264 threads follow the cores).
const plan = (o: Partial<HlsOptionsInput> & { input: string }, facts = FILE_720P) => planHls(parseHlsOptions({ outputDir: '/tmp/out', ...o }), facts, 2);
const refusal = (fn: () => unknown): UsageError => thrown(UsageError, fn);
const sinks = (p: ReturnType<typeof plan>): SinkTarget[] => sinkOutputs(p).map((r) => ({ dir: r.dir, segmentPattern: 'seg%05d.ts', workingPlaylist: `${r.dir}/.playlist.m3u8.working` }));
const pipelineOf = (p: ReturnType<typeof plan>) => buildHlsPipeline(p, sinks(p)).build();

describe('hls options', () => {
  it('has the documented defaults', () => {
    expect(parseHlsOptions({ input: 'a.mp4', outputDir: 'out' })).toMatchObject({ playlistName: 'playlist.m3u8', segmentDuration: 2, codec: 'h264', playlistLength: 5, audio: true, audioBitrate: 128, overwrite: false, host: '127.0.0.1' });
  });

  it.each([
    [{ segmentDuration: 0 }, /--segment-duration/],
    [{ segmentDuration: -2 }, /--segment-duration/],
    [{ codec: 'vp8' }, /--codec.*cannot go into HLS.*vp9 or av1 with --format fmp4/],
    [{ codec: 'vp9' }, /--codec vp9 needs --format fmp4: MPEG-TS segments carry H\.264 or H\.265 here \(add --format fmp4/],
    [{ codec: 'av1', format: 'ts' }, /--codec av1 needs --format fmp4/],
    [{ playlistName: 'dir/x.m3u8' }, /--playlist-name/],
    [{ playlistName: 'x.txt' }, /--playlist-name/],
    [{ ladder: '720p', scale: '360p' }, /--scale and --ladder/],
    [{ ladder: '720p', bitrate: 2000 }, /--bitrate and --ladder/],
    [{ playlistLength: 5, maxFiles: 3 }, /--max-files 3 would delete/],
    [{ playlistLength: 0, maxFiles: 3 }, /--max-files 3 would delete/],
    [{ loop: true, live: false }, /--loop needs live/],
  ])('refuses %j (exit 2)', (bad, message) => {
    const e = refusal(() => parseHlsOptions({ input: 'a.mp4', outputDir: 'out', ...bad }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
  });

  it('keeps a few segments on disk beyond the window by default', () => {
    expect(effectiveMaxFiles({ playlistLength: 5, maxFiles: undefined })).toBe(7);
    expect(effectiveMaxFiles({ playlistLength: 0, maxFiles: undefined })).toBe(0);
    expect(effectiveMaxFiles({ playlistLength: 3, maxFiles: 3 })).toBe(3);
  });
});

describe('planHls', () => {
  it('a file is VOD with hlssink2, medium preset, a GOP of one segment', () => {
    const p = plan({ input: 'talk.mp4', segmentDuration: 4 });
    expect(p).toMatchObject({ live: false, realtime: false, sink: 'hlssink2', preset: 'medium', keyframeInterval: 120, playlistLength: 0, maxFiles: 0, master: false, stopFinalizes: false, mediaDurationSeconds: 10 });
    expect(p.renditions).toEqual([{ name: '', dir: '/tmp/out', width: 1280, height: 720, bitrateKbps: 2800, encoderThreads: 4 }]);
    expect(p.audio).toEqual({ bitrateKbps: 128, skip: 0 });
  });

  it.each([
    ['test', true, false],
    ['test:ball', true, false],
    ['rtsp://cam/stream', true, false],
    ['/dev/video0', true, false],
    ['clip.mp4', false, false],
    ['https://example.com/clip.mp4', false, false],
  ])('%s is live by default: %s', (input, live, realtime) => {
    const p = plan({ input }, TEST_FACTS);
    expect(p.live).toBe(live);
    expect(p.realtime).toBe(realtime);
    if (live) expect(p).toMatchObject({ sink: 'hlssink', preset: 'veryfast', playlistLength: 5, maxFiles: 7, stopFinalizes: true });
  });

  it('--live makes a file play in real time; --loop implies live', () => {
    expect(plan({ input: 'clip.mp4', live: true })).toMatchObject({ live: true, realtime: true, loop: false });
    expect(plan({ input: 'clip.mp4', loop: true })).toMatchObject({ live: true, realtime: true, loop: true });
  });

  it('a fractional segment duration uses hlssink2 even live', () => {
    expect(plan({ input: 'test', segmentDuration: 1.5 }, TEST_FACTS)).toMatchObject({ sink: 'hlssink2', keyframeInterval: 45 });
  });

  it('unknown or variable frame rates are fixed at 30 fps', () => {
    const p = plan({ input: 'clip.mkv' }, { ...FILE_720P, fps: 0 });
    expect(p).toMatchObject({ fps: 30, forceFps: true, keyframeInterval: 60 });
    expect(p.notes.join()).toMatch(/no constant frame rate/);
  });

  it('a ladder skips renditions above the input and writes a master', () => {
    const p = plan({ input: 'clip.mp4', ladder: '1080p,720p,360p@600' });
    expect(p.master).toBe(true);
    expect(p.renditions.map((r) => [r.name, r.dir, r.width, r.height, r.bitrateKbps])).toEqual([['720p', '/tmp/out/720p', 1280, 720, 2800], ['360p', '/tmp/out/360p', 640, 360, 600]]);
    expect(p.skipped).toEqual([{ text: '1080p', reason: expect.any(String) }]);
  });

  it('--scale sizes the single rendition, keeping the aspect', () => {
    expect(plan({ input: 'clip.mp4', scale: '360p' }).renditions[0]).toMatchObject({ width: 640, height: 360, bitrateKbps: 800 });
  });

  it('h265 comes with a note about players', () => {
    expect(plan({ input: 'clip.mp4', codec: 'hevc' }).notes.join()).toMatch(/H\.265.*fMP4/);
  });

  it.each([
    [{ input: 'clip.mp4', ladder: '1080p,1440p' }, /Every --ladder rendition is larger than the input/],
    [{ input: 'test', live: false }, /test source has no end/],
    [{ input: 'clip.mp4', duration: 5 }, /--duration/],
    [{ input: 'test', loop: true }, /--loop repeats a file/],
    [{ input: '-', live: true }, /Standard input/],
    [{ input: 'test:nope' }, /unknown test pattern/],
  ])('refuses %j (exit 2)', (o, message) => {
    const e = refusal(() => plan(o, o.input.startsWith('test') ? TEST_FACTS : FILE_720P));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
  });

  it('--audio-track all of three tracks: an audio group of three renditions, no muxed audio, a master', () => {
    const p = plan({ input: 'movie.mkv', audioTrack: 'all' }, THREE_TRACKS);
    expect(p.audio).toBeUndefined();
    expect(p.master).toBe(true);
    expect(entryPlaylist(p)).toBe('master.m3u8');
    expect(p.audioGroup).toEqual({
      bitrateKbps: 128,
      renditions: [
        { name: 'audio_1', dir: '/tmp/out/audio_1', track: 1, language: 'en', title: 'English', channels: 2 },
        { name: 'audio_2', dir: '/tmp/out/audio_2', track: 2, language: 'fr', title: 'French', channels: 2 },
        { name: 'audio_3', dir: '/tmp/out/audio_3', track: 3, language: 'de', title: 'German', channels: 1 },
      ],
    });
    expect(sinkOutputs(p).map((o) => [o.name, o.kind])).toEqual([['', 'video'], ['audio_1', 'audio'], ['audio_2', 'audio'], ['audio_3', 'audio']]);
    expect(p.notes).toEqual([]);
  });

  it('one audio track, --audio-track N, no track count (a camera) or --no-audio: audio stays muxed (or out), no group', () => {
    expect(plan({ input: 'clip.mp4', audioTrack: 'all' }, { ...FILE_720P, tracks: { audio: 1, subtitles: 0 } })).toMatchObject({ audio: { skip: 0 }, audioGroup: undefined, master: false });
    expect(plan({ input: 'movie.mkv', audioTrack: 2 }, THREE_TRACKS)).toMatchObject({ audio: { skip: 1 }, audioGroup: undefined, master: false });
    expect(plan({ input: '/dev/video0', audioTrack: 'all' }, TEST_FACTS)).toMatchObject({ audio: { skip: 0 }, audioGroup: undefined });
    expect(plan({ input: 'movie.mkv', audioTrack: 'all', audio: false }, THREE_TRACKS)).toMatchObject({ audio: undefined, audioGroup: undefined, master: false });
  });

  it('refuses --playlist-name master.m3u8 with audio renditions and no ladder (the master takes that name)', () => {
    const e = refusal(() => plan({ input: 'movie.mkv', audioTrack: 'all', playlistName: 'master.m3u8' }, THREE_TRACKS));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/--playlist-name master\.m3u8/);
    expect(plan({ input: 'movie.mkv', audioTrack: 'all', playlistName: 'master.m3u8', ladder: '720p' }, THREE_TRACKS).audioGroup?.renditions).toHaveLength(3);
  });

  it('refuses an input without video', () => {
    expect(refusal(() => plan({ input: 'song.ogg' }, { ...FILE_720P, hasVideo: false })).message).toMatch(/no video stream/);
  });
});

describe('buildHlsPipeline', () => {
  it('VOD: I420 into x264enc with a fixed GOP and no scene cuts, High profile, hlssink2 without keyframe requests', () => {
    const text = pipelineOf(plan({ input: 'my clip.mp4' }));
    expect(text).toContain('filesrc name=in_src location="my clip.mp4"');
    expect(text).toMatch(/video\/x-raw,format=I420,width=1280,height=720 ! x264enc speed-preset=medium rc-lookahead=20 key-int-max=60 bitrate=2800 pass=cbr vbv-buf-capacity=0 threads=4 option-string="scenecut=0"/);
    expect(text).toContain('! video/x-h264,profile=high ! h264parse config-interval=-1 !');
    expect(text).toContain('avenc_aac bitrate=128000 ! aacparse');
    expect(text).toContain('hlssink2 name=hls0 location=/tmp/out/seg%05d.ts playlist-location=/tmp/out/.playlist.m3u8.working target-duration=2 max-files=0 playlist-length=0 send-keyframe-requests=false');
    expect(text).not.toContain('clocksync');
  });

  it('live: zero latency encoder with VBV, mpegtsmux ! hlssink per rendition', () => {
    const text = pipelineOf(plan({ input: 'test' }, TEST_FACTS));
    expect(text).toContain('videotestsrc pattern=smpte is-live=true');
    expect(text).toMatch(/x264enc speed-preset=veryfast tune=zerolatency key-int-max=60 bitrate=2800 pass=cbr option-string="scenecut=0"/);
    expect(text).not.toContain('vbv-buf-capacity');
    expect(text).toContain('mpegtsmux name=mux0 ! hlssink name=hls0');
    expect(text).toContain('playlist-length=10');
  });

  it('a live file is paced by clocksync on both streams', () => {
    const text = pipelineOf(plan({ input: 'clip.mp4', live: true }));
    expect(text.match(/clocksync/g)).toHaveLength(2);
  });

  it('ABR: one decode and one AAC encode, teed to every rendition', () => {
    const text = pipelineOf(plan({ input: 'clip.mp4', ladder: '720p,360p' }));
    expect(text.match(/decodebin/g)).toHaveLength(1);
    expect(text.match(/avenc_aac/g)).toHaveLength(1);
    expect(text).toContain('tee name=vt');
    expect(text).toContain('tee name=at');
    expect(text.match(/x264enc/g)).toHaveLength(2);
    expect(text).toContain('width=640,height=360 ! x264enc');
    // I420 once before the tee; each rendition holds 3 raw frames, not a default queue's 10 MB.
    expect(text.match(/vt\. ! queue max-size-buffers=3 ! videoscale ! /g)).toHaveLength(2);
    expect(text.match(/videoconvert/g)).toHaveLength(1);
    expect(text).toContain('hls0.video');
    expect(text).toContain('hls1.audio');
    expect(text).toContain('location=/tmp/out/360p/seg%05d.ts');
  });

  it('ABR: every rendition\'s caps state the input\'s colorimetry, so a scale keeps the pixels\' matrix', () => {
    const text = pipelineOf(plan({ input: 'clip.mp4', ladder: '720p,360p' }, { ...FILE_720P, colorimetry: 'bt709' }));
    expect(text).toContain('video/x-raw,format=I420,width=1280,height=720,colorimetry=bt709 ! x264enc');
    expect(text).toContain('video/x-raw,format=I420,width=640,height=360,colorimetry=bt709 ! x264enc');
    // Sources the probe does not read (cameras, test patterns) keep GStreamer's own choice.
    expect(pipelineOf(plan({ input: 'test', ladder: '720p,360p' }, TEST_FACTS))).not.toContain('colorimetry=');
  });

  it('x264 frame threads: two per core for one VOD encode, that split by pixels in a ladder, x264\'s own choice live', () => {
    const ladder = (cores: number) => planHls(parseHlsOptions({ outputDir: '/tmp/out', input: 'clip.mp4', ladder: '720p,480p,360p' }), FILE_720P, cores);
    expect(ladder(2).renditions.map((r) => r.encoderThreads)).toEqual([2, 1, 1]);
    expect(ladder(8).renditions.map((r) => r.encoderThreads)).toEqual([9, 4, 2]);
    const text = buildHlsPipeline(ladder(2), sinks(ladder(2))).build();
    expect(text).toMatch(/width=1280,height=720 ! x264enc [^!]*bitrate=\d+ [^!]*threads=2 /);
    expect(text).toMatch(/width=640,height=360 ! x264enc [^!]*threads=1 /);
    const single = planHls(parseHlsOptions({ outputDir: '/tmp/out', input: 'clip.mp4' }), FILE_720P, 2);
    expect(single.renditions[0]!.encoderThreads).toBe(4);
    expect(buildHlsPipeline(single, sinks(single)).build()).toMatch(/ ! x264enc [^!]*threads=4 /);
    // A live single encode keeps x264's own choice; so do the other encoders.
    expect(pipelineOf(plan({ input: 'clip.mp4', live: true }))).not.toContain('threads=');
    expect(plan({ input: 'clip.mp4', ladder: '720p,360p', codec: 'h265' }).renditions.map((r) => r.encoderThreads)).toEqual([undefined, undefined]);
  });

  it('a fractional duration is set on the splitmuxsink inside each hlssink2', () => {
    const text = pipelineOf(plan({ input: 'clip.mp4', ladder: '720p,360p', segmentDuration: 1.5 }));
    expect(text).toContain('splitmuxsink0::max-size-time=1500000000');
    expect(text).toContain('splitmuxsink1::max-size-time=1500000000');
  });

  it('doubles % in folder names (hlssink2 formats the location with printf)', () => {
    const p = planHls(parseHlsOptions({ input: 'clip.mp4', outputDir: '/tmp/100%' }), FILE_720P);
    expect(pipelineOf(p)).toContain('location=/tmp/100%%/seg%05d.ts');
  });

  it('vp9 and av1 in fMP4: a keyframe every segment (automatic placement left on), the parser as is, the caps mp4mux takes; a note about players', () => {
    const vp9 = plan({ input: 'clip.mp4', codec: 'vp9', format: 'fmp4' });
    expect(pipelineOf(vp9)).toMatch(/vp9enc [^!]*keyframe-max-dist=60 [^!]*! vp9parse ! identity [^!]*! video\/x-vp9 ! queue [^!]*! mux0\./);
    expect(pipelineOf(vp9)).not.toContain('keyframe-mode');
    expect(vp9.notes.join()).toMatch(/VP9 in HLS plays in browsers through hls\.js.*do not take VP9/);
    const av1 = plan({ input: 'clip.mp4', codec: 'av1', format: 'fmp4' });
    expect(pipelineOf(av1)).toMatch(/av1enc [^!]*keyframe-max-dist=60 [^!]*! av1parse ! identity [^!]*! video\/x-av1,stream-format=obu-stream,alignment=tu ! queue [^!]*! mux0\./);
    expect(pipelineOf(av1)).not.toContain('config-interval');
  });

  it('h265: x265 with closed GOPs', () => {
    const text = pipelineOf(plan({ input: 'clip.mp4', codec: 'h265' }));
    expect(text).toContain('x265enc');
    expect(text).toContain('option-string="scenecut=0:open-gop=0:min-keyint=60"');
    expect(text).toContain('video/x-h265,profile=main ! h265parse config-interval=-1');
  });

  it('audio renditions: one AAC branch per track, each into its own hlssink2 after the video ones; the video sinks get no audio', () => {
    const text = pipelineOf(plan({ input: 'movie.mkv', audioTrack: 'all' }, THREE_TRACKS));
    expect(text.match(/in\. ! audio\/x-raw ! queue [^!]*! audioconvert ! audioresample ! audio\/x-raw,channels=\[1,2\] ! avenc_aac bitrate=128000 ! aacparse ! queue [^!]*! hls\d\.audio/g)).toHaveLength(3);
    expect(text).not.toContain('hls0.audio');
    expect(text).not.toContain('tee name=at');
    for (const k of [1, 2, 3]) expect(text).toContain(`hlssink2 name=hls${k} location=/tmp/out/audio_${k}/seg%05d.ts playlist-location=/tmp/out/audio_${k}/.playlist.m3u8.working`);
  });

  it('live audio renditions with a ladder: video into mpegtsmux ! hlssink, audio into hlssink2 (hlssink never splits audio alone)', () => {
    const text = pipelineOf(plan({ input: 'movie.mkv', audioTrack: 'all', live: true, ladder: '720p,360p' }, THREE_TRACKS));
    expect(text).toContain('mpegtsmux name=mux0 ! hlssink name=hls0');
    expect(text).toContain('mpegtsmux name=mux1 ! hlssink name=hls1');
    for (const k of [2, 3, 4]) expect(text).toContain(`queue max-size-buffers=0 max-size-bytes=0 max-size-time=0 ! hls${k}.audio`);
    expect(text).toContain('hlssink2 name=hls4 location=/tmp/out/audio_3/seg%05d.ts');
    expect(text.match(/clocksync/g)).toHaveLength(4);
  });

  it('--no-audio leaves audio out', () => {
    expect(pipelineOf(plan({ input: 'clip.mp4', audio: false }))).not.toContain('audio');
  });
});
