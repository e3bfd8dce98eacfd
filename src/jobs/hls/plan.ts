// Options + what the input is → a complete plan. Pure: the probe result comes in (probe.ts), so every
// decision (live or VOD, sizes, keyframe interval, audio, refusals) is testable without GStreamer.
import { subtitleNotes, type TrackCounts } from '../dropped-tracks.js';
import { planAudioTracks } from '../audio-track.js';
import { planAudioRenditions, type AudioTrackFacts, type PlannedAudioRendition } from './audio-renditions.js';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import type { SpeedPreset } from '../../pipeline/codecs.js';
import { parseScale, resolveSize } from '../scale.js';
import { defaultBitrateKbps, parseLadder, resolveLadder } from './ladder.js';
import { ladderThreads, x264Threads } from '../x264-threads.js';
import { partTiming } from './part-timing.js';
import { effectiveMaxFiles, type HlsCodec, type HlsOptions } from './options.js';

/** What we know about the input before running (gst-discoverer for files and URIs). */
export interface InputFacts {
  width: number | undefined;
  height: number | undefined;
  /** 0 or undefined: unknown or variable; the plan then fixes a rate. */
  fps: number | undefined;
  hasVideo: boolean;
  hasAudio: boolean;
  durationSeconds: number | undefined;
  /** Audio and subtitle tracks in the input (files and URIs). */
  tracks?: TrackCounts;
  /** Each audio track's language and channels, in track order (files and URIs). */
  audioTracks?: AudioTrackFacts[];
  /** The orientation tag when the frames are stored turned (width and height above are as displayed). */
  orientation?: string | undefined;
  /** The decoded video's colorimetry (pipeline/colorimetry.ts; files and URIs), kept through a scale. */
  colorimetry?: string | undefined;
}

export interface PlannedRendition {
  /** "" for a single rendition (written in the output folder itself), else the folder name ("720p"). */
  name: string;
  dir: string;
  width: number | undefined;
  height: number | undefined;
  bitrateKbps: number;
  /** x264 frame threads for this rendition (x264-threads.ts); the encoder's own choice when undefined. */
  encoderThreads?: number | undefined;
}

export interface HlsPlan {
  input: InputSpec;
  outputDir: string;
  live: boolean;
  /** A file (or non-live URI) played at real-time speed (clocksync). */
  realtime: boolean;
  loop: boolean;
  /** Ctrl-C ends the stream normally (live output, or a live source): finalize and exit 0. */
  stopFinalizes: boolean;
  /** Media length for progress (VOD of a file). */
  mediaDurationSeconds: number | undefined;
  /** Test sources: their length. */
  testDurationSeconds: number | undefined;
  /** Stop gracefully after this many seconds. */
  stopAfterSeconds: number | undefined;
  codec: HlsCodec;
  preset: SpeedPreset;
  segmentDuration: number;
  fps: number;
  /** The input's rate is unknown or variable: videorate makes it `fps`, so GOPs stay regular. */
  forceFps: boolean;
  /** Turn the frames upright first (the input's orientation tag; MPEG-TS has no place for it). */
  autoOrient: boolean;
  /** Frames per GOP: exactly one segment, so every segment starts with a keyframe and renditions align. */
  keyframeInterval: number;
  inputSize: { width: number; height: number } | undefined;
  /** The input's colorimetry, stated on each scaled rendition's caps so that the scale keeps it. */
  colorimetry?: string | undefined;
  renditions: PlannedRendition[];
  /** hlssink (live: closes a segment as soon as its end keyframe arrives) or hlssink2 (VOD, fractional durations). */
  sink: 'hlssink' | 'hlssink2';
  /** MPEG-TS segments (hlssink/hlssink2) or fMP4: mp4mux fragments packaged by us (fmp4/packager.ts). */
  format: 'ts' | 'fmp4';
  /** LL-HLS: parts of `partSeconds` (a whole number of frames that divides the GOP). */
  lowLatency: boolean;
  partSeconds: number | undefined;
  /** LL-HLS: #EXT-X-PART-INF:PART-TARGET, a little above `partSeconds` (part-timing.ts). */
  partTarget: number | undefined;
  /** fmp4: mp4mux's fragment-duration in ms (a part in LL-HLS, else a whole segment). */
  fragmentMs: number | undefined;
  /** A master playlist is written (--ladder, or audio renditions). */
  master: boolean;
  /** Audio muxed into every video rendition; `skip`: decoded audio tracks dropped before the one kept (--audio-track). */
  audio: { bitrateKbps: number; skip: number } | undefined;
  /** --audio-track all of several tracks: one audio-only rendition per track, and video renditions without audio. */
  audioGroup: { bitrateKbps: number; renditions: PlannedAudioRendition[] } | undefined;
  playlistName: string;
  playlistLength: number;
  maxFiles: number;
  skipped: { text: string; reason: string }[];
  notes: string[];
}

export const MASTER_PLAYLIST = 'master.m3u8';
/** Rate used when the input does not declare one (cameras, VFR files). */
export const FALLBACK_FPS = 30;
export const TEST_SIZE = { width: 1280, height: 720 };

// Refusals that need no probe (so they come before gst-discoverer is spawned).
export function checkInputCombination(options: HlsOptions): InputSpec {
  const input = parseInputSpec(options.input);
  const live = isLive(options, input);
  if (options.loop && input.kind !== 'file' && !(input.kind === 'uri' && !input.live)) {
    throw new UsageError('--loop repeats a file; this input is already a live stream.', { fix: 'Drop --loop.', data: { input: options.input } });
  }
  if (!live && input.kind === 'test' && options.duration === undefined) {
    throw new UsageError('A test source has no end: VOD from it needs --duration SECONDS.', { fix: 'Add --duration 10, or drop --no-live to stream it live.' });
  }
  if (!live && (input.kind === 'file' || input.kind === 'stdin' || (input.kind === 'uri' && !input.live)) && options.duration !== undefined) {
    throw new UsageError('--duration stops live output or sets a test source\'s length; a VOD of a file is always complete.', { fix: 'Drop --duration, or add --live.' });
  }
  if (options.lowLatency && !live) {
    throw new UsageError('--low-latency is for live output; this would be a VOD.', { fix: 'Add --live (a file then plays in real time), or drop --low-latency.' });
  }
  if (input.kind === 'stdin' && (live || options.loop)) {
    throw new UsageError('Standard input cannot be replayed in real time or looped.', { fix: 'Give a file path for --live/--loop.' });
  }
  return input;
}

function isLive(options: HlsOptions, input: InputSpec): boolean {
  return options.live ?? (input.live || input.kind === 'test' || options.loop);
}

export function planHls(options: HlsOptions, facts: InputFacts, cores = availableParallelism()): HlsPlan {
  const input = checkInputCombination(options);
  const live = isLive(options, input);
  const sourceIsLive = input.live || input.kind === 'test';
  if (!facts.hasVideo) {
    throw new UsageError(`The input "${options.input}" has no video stream; HLS here needs video.`, { data: { input: options.input } });
  }
  // Cameras and stdin are not probed: their track count is unknown, so a track number is taken as given.
  const tracks = facts.tracks
    ? planAudioTracks(options.audioTrack, facts.tracks.audio, true, 'HLS')
    : { skip: typeof options.audioTrack === 'number' ? options.audioTrack - 1 : 0, keep: 1, notes: [] };
  const audioGroup = options.audio && tracks.keep > 1 ? planAudioGroup(options, facts, tracks.keep) : undefined;
  const notes: string[] = [...(options.audio ? tracks.notes : []), ...subtitleNotes(facts.tracks?.subtitles ?? 0)];
  const declaredFps = facts.fps !== undefined && facts.fps > 0 ? facts.fps : undefined;
  const fps = declaredFps ?? FALLBACK_FPS;
  if (!declaredFps) notes.push(`the input declares no constant frame rate: encoding at ${FALLBACK_FPS} fps`);
  const inputSize = facts.width && facts.height ? { width: facts.width, height: facts.height } : undefined;
  const { renditions, skipped } = planRenditions(options, inputSize, fps, { cores, live });
  if (options.codec === 'vp9' || options.codec === 'av1') {
    notes.push(`${options.codec === 'vp9' ? 'VP9' : 'AV1'} in HLS plays in browsers through hls.js (Chrome, Edge, Firefox); Apple's players ${options.codec === 'vp9' ? 'do not take VP9' : 'take AV1 only where the device decodes it'}: use h264 (or h265) for the widest reach`);
  }
  if (options.codec === 'h265' && options.format === 'ts') {
    notes.push('H.265 in MPEG-TS segments plays only where the player decodes HEVC from TS (not hls.js in most browsers; Apple devices want fMP4 for HEVC): use h264 for the widest reach');
  }
  // LL-HLS: a part is a whole number of frames and every GOP a whole number of parts, so keyframes open parts.
  const partFrames = options.lowLatency ? Math.max(1, Math.round(fps * options.partDuration)) : undefined;
  const gop = Math.max(1, Math.round(fps * options.segmentDuration));
  const keyframeInterval = partFrames ? Math.max(partFrames, Math.round(gop / partFrames) * partFrames) : gop;
  const parts = partFrames ? partTiming(partFrames, fps) : undefined;
  const exact = keyframeInterval / fps;
  if (Math.abs(exact - options.segmentDuration) / options.segmentDuration > 0.05) {
    notes.push(`a ${options.segmentDuration} s segment is ${keyframeInterval} frames at ${fps} fps: segments will last ${exact.toFixed(3)} s`);
  }
  return {
    input,
    outputDir: options.outputDir,
    live,
    realtime: live && !sourceIsLive,
    loop: options.loop,
    // A recording of a camera or stream as VOD ends with Ctrl-C; a VOD of a file or a finite test source is cut short by it.
    stopFinalizes: live || input.live,
    mediaDurationSeconds: live ? undefined : facts.durationSeconds,
    testDurationSeconds: input.kind === 'test' ? options.duration : undefined,
    stopAfterSeconds: input.kind !== 'test' ? options.duration : undefined,
    codec: options.codec,
    preset: options.preset ?? (live ? 'veryfast' : 'medium'),
    segmentDuration: options.segmentDuration,
    fps,
    forceFps: !declaredFps,
    autoOrient: facts.orientation !== undefined,
    keyframeInterval,
    inputSize,
    colorimetry: facts.colorimetry,
    renditions,
    format: options.format,
    lowLatency: options.lowLatency,
    partSeconds: parts?.partSeconds,
    partTarget: parts?.partTarget,
    // mp4mux's fragment: a part in LL-HLS, else a whole GOP (a segment).
    fragmentMs: options.format === 'fmp4' ? partTiming(partFrames ?? keyframeInterval, fps).fragmentMs : undefined,
    sink: live && Number.isInteger(options.segmentDuration) ? 'hlssink' : 'hlssink2',
    master: options.ladder !== undefined || audioGroup !== undefined,
    audio: options.audio && facts.hasAudio && !audioGroup ? { bitrateKbps: options.audioBitrate, skip: tracks.skip } : undefined,
    audioGroup,
    playlistName: options.playlistName,
    playlistLength: live ? options.playlistLength : 0,
    maxFiles: live ? effectiveMaxFiles(options) : 0,
    skipped,
    notes,
  };
}

// One audio rendition per track. Without --ladder the video playlist sits in the output folder beside
// master.m3u8, so it cannot take that name.
function planAudioGroup(options: HlsOptions, facts: InputFacts, tracks: number): HlsPlan['audioGroup'] {
  if (options.ladder === undefined && options.playlistName === MASTER_PLAYLIST) {
    throw new UsageError(`--playlist-name ${MASTER_PLAYLIST}: --audio-track all writes a master playlist of that name beside the video playlist.`, {
      fix: 'Choose another --playlist-name (playlist.m3u8 is the default), or keep one audio track with --audio-track N.',
      data: { playlistName: options.playlistName },
    });
  }
  const known = facts.audioTracks ?? [];
  const perTrack = Array.from({ length: tracks }, (_, i) => known[i] ?? {});
  return { bitrateKbps: options.audioBitrate, renditions: planAudioRenditions(options.outputDir, perTrack) };
}

// x264 frame threads (x264-threads.ts): a ladder's renditions share one encode's worth, live or not; a
// single live encode (zero latency, sliced threads) keeps x264's own choice.
function planRenditions(options: HlsOptions, inputSize: HlsPlan['inputSize'], fps: number, machine: { cores: number; live: boolean }): { renditions: PlannedRendition[]; skipped: HlsPlan['skipped'] } {
  const { cores, live } = machine;
  if (options.ladder === undefined) {
    const size = resolveSize(options.scale !== undefined ? parseScale(options.scale) : undefined, inputSize) ?? inputSize;
    const bitrateKbps = options.bitrate ?? defaultBitrateKbps(size?.height ?? 720, fps);
    const encoderThreads = options.codec === 'h264' && !live ? x264Threads(cores) : undefined;
    return { renditions: [{ name: '', dir: options.outputDir, width: size?.width, height: size?.height, bitrateKbps, encoderThreads }], skipped: [] };
  }
  const resolved = resolveLadder(parseLadder(options.ladder, fps), inputSize);
  if (resolved.renditions.length === 0) {
    throw new UsageError(`Every --ladder rendition is larger than the input (${inputSize?.width}x${inputSize?.height}).`, {
      fix: `Add a rendition no larger than the input, e.g. --ladder ${inputSize?.height ?? 360}p.`,
      data: { skipped: resolved.skipped },
    });
  }
  const threads = options.codec === 'h264' && resolved.renditions.length > 1 ? ladderThreads(resolved.renditions, cores) : undefined;
  const renditions = resolved.renditions.map((r, i) => ({ ...r, dir: join(options.outputDir, r.name), encoderThreads: threads?.[i] }));
  return { renditions, skipped: resolved.skipped };
}
