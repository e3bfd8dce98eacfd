// What plays where, one function per target, each rule with its source. A rule looks at the
// probe's facts and names the problems; the verdict is the worst of them (transcode > remux).
import type { AudioFacts, ProbeFacts, VideoFacts } from './facts.js';
import type { Problem, Target } from './targets.js';

const transcode = (part: Problem['part'], reason: string): Problem => ({ need: 'transcode', part, reason });
const remux = (reason: string): Problem => ({ need: 'remux', part: 'container', reason });

// H.264 decoders in browsers, Safari, Chromecast and WebRTC stacks are 8-bit 4:2:0 Constrained
// Baseline/Main/High only (Chromium media/base/video_codecs + supported_types.cc; Apple HLS
// Authoring Specification §1.2; Google Cast "Supported Media"). High 10, 4:2:2 and High 4:4:4
// Predictive are refused even where a desktop decoder happens to cope.
const H264_PLAYABLE = new Set(['constrained-baseline', 'baseline', 'main', 'high']);

function h264Problem(v: VideoFacts): Problem | undefined {
  const eightBit420 = (v.chromaFormat ?? '4:2:0') === '4:2:0' && (v.bitDepth ?? 8) === 8;
  if (v.profile && H264_PLAYABLE.has(v.profile) && eightBit420) return undefined;
  return transcode('video', `H.264 ${v.profile ?? 'of unknown profile'} ${v.chromaFormat ?? ''} ${v.bitDepth ?? ''}-bit: players decode only 8-bit 4:2:0 Baseline/Main/High`.replace(/\s+/g, ' '));
}

const fastStartProblem = (f: ProbeFacts): Problem[] =>
  // Players find a trailing moov with an HTTP range request, so the file plays, but starts later
  // (one more round trip; a server without range support makes it wait for the whole file).
  f.fastStart === false ? [{ need: 'advice', part: 'container', reason: 'moov is after mdat (no fast start): playback starts only after a range request to the end' }] : [];

// --- browsers (Chromium/Firefox via MSE and hls.js) ----------------------------------------------
// Sources: MDN "Web video codec guide" and "Media container formats"; hls.js README "Supported
// codecs/containers" (MPEG-TS and fMP4 with H.264, HEVC only where the browser has it, AAC, MP3);
// Chromium ships no HEVC software decoder (only the platform's, when present).
function browserVideo(v: VideoFacts): Problem | undefined {
  if (v.codec === 'h264') return h264Problem(v);
  if (v.codec === 'vp8' || v.codec === 'vp9' || v.codec === 'av1') return undefined;
  if (v.codec === 'h265') return transcode('video', 'H.265: Chromium and Firefox have no HEVC decoder of their own');
  return transcode('video', `${v.codec}: not a web video codec (H.264, VP8, VP9, AV1)`);
}

// MP3 reaches MSE only as MPEG audio (hls.js demuxes it from MPEG-TS): Chromium's
// MediaSource.isTypeSupported refuses MP3 in MP4 (mp4a.6B, mp4a.69, mp4a.40.34 all false).
function browserAudio(a: AudioFacts, container: string): Problem | undefined {
  if (a.codec === 'mp3' && container !== 'ts') return transcode('audio', `mp3 in ${container}: MSE plays MP3 only from MPEG-TS (hls.js), not in ${container}`);
  if (['aac', 'opus', 'mp3', 'vorbis', 'flac'].includes(a.codec)) return undefined;
  return transcode('audio', `${a.codec}: browsers play AAC, Opus, MP3 (and Vorbis/FLAC), not this`);
}

function browser(f: ProbeFacts): Problem[] {
  const container = f.container ?? '';
  const containerProblem = ['mp4', 'webm', 'ts'].includes(container) ? [] : [remux(`${container || 'this container'}: browsers take MP4, WebM or MPEG-TS (hls.js), not ${container || 'it'}`)];
  return [...f.video.map(browserVideo), ...f.audio.map((a) => browserAudio(a, container)), ...containerProblem, ...fastStartProblem(f)].filter((p): p is Problem => !!p);
}

// --- Safari / iOS (native playback and HLS) -------------------------------------------------------
// Sources: Apple "HLS Authoring Specification for Apple Devices" §1 (video: H.264, HEVC tagged
// hvc1 in fMP4, not in TS; audio: AAC-LC/HE-AAC, AC-3, E-AC-3, ALAC, MP3 in TS) and WebKit's
// AVFoundation MIME types (hev1 is refused; MP4/MOV/TS, no Matroska).
function safariVideo(v: VideoFacts, container: string): Problem | undefined {
  if (v.codec === 'h264') return h264Problem(v);
  if (v.codec === 'h265') {
    if ((v.chromaFormat ?? '4:2:0') !== '4:2:0') return transcode('video', `H.265 ${v.chromaFormat}: Apple decodes 4:2:0 Main/Main 10 only`);
    if (container === 'ts') return remux('H.265 in MPEG-TS: Apple plays HEVC only in MP4 (fMP4 for HLS)');
    if (v.sampleEntry === 'hev1' || (v.sampleEntry === undefined && v.codecString?.startsWith('hev1'))) return remux('H.265 tagged hev1: Apple plays only hvc1 (parameter sets in the sample entry)');
    return undefined;
  }
  return transcode('video', `${v.codec}: Apple devices play H.264 and H.265 everywhere, ${v.codec} not reliably`);
}

function safariAudio(a: AudioFacts): Problem | undefined {
  if (['aac', 'ac3', 'eac3', 'alac', 'mp3'].includes(a.codec)) return undefined;
  return transcode('audio', `${a.codec}: Apple HLS takes AAC, AC-3, E-AC-3, ALAC or MP3`);
}

function safari(f: ProbeFacts): Problem[] {
  const container = f.container ?? '';
  const containerProblem = ['mp4', 'mov', 'ts'].includes(container) ? [] : [remux(`${container || 'this container'}: Safari takes MP4, MOV or MPEG-TS`)];
  return [...f.video.map((v) => safariVideo(v, container)), ...f.audio.map(safariAudio), ...containerProblem, ...fastStartProblem(f)].filter((p): p is Problem => !!p);
}

// --- WebRTC -------------------------------------------------------------------------------------
// Sources: RFC 7742 §5 (VP8 and H.264 Constrained Baseline are mandatory to implement; VP9/AV1 are
// negotiated by every current browser), RFC 7874 §3 (Opus and G.711 audio); B-frames break the
// real-time decode order browsers' H.264 RTP depacketizers expect. The container does not matter:
// the server depayloads the streams.
function webrtcVideo(v: VideoFacts): Problem | undefined {
  if (v.codec === 'vp8' || v.codec === 'vp9' || v.codec === 'av1') return undefined;
  if (v.codec === 'h264') {
    if (v.profile !== 'constrained-baseline' && v.profile !== 'baseline') return transcode('video', `H.264 ${v.profile ?? ''}: WebRTC negotiates Constrained Baseline`.replace(/\s+/g, ' '));
    if (v.bFrames) return transcode('video', 'H.264 with B-frames: WebRTC needs frames in decode order');
    return h264Problem(v);
  }
  return transcode('video', `${v.codec}: WebRTC carries VP8, VP9, AV1 or H.264 Constrained Baseline`);
}

function webrtcAudio(a: AudioFacts): Problem | undefined {
  if (['opus', 'alaw', 'mulaw'].includes(a.codec)) return undefined;
  return transcode('audio', `${a.codec}: WebRTC carries Opus or G.711`);
}

function webrtc(f: ProbeFacts): Problem[] {
  return [...f.video.map(webrtcVideo), ...f.audio.map(webrtcAudio)].filter((p): p is Problem => !!p);
}

// --- Chromecast (Google Cast default receiver) ------------------------------------------------------
// Source: developers.google.com/cast/docs/media "Supported Media for Google Cast": H.264 High up
// to level 4.1 and VP8 on every device (HEVC, VP9, AV1 only on Ultra / Google TV); AAC, MP3, Opus,
// Vorbis, FLAC; MP4, WebM, MPEG-TS (MP2T), no Matroska.
function chromecastVideo(v: VideoFacts): Problem | undefined {
  if (v.codec === 'vp8') return undefined;
  if (v.codec === 'h264') {
    const level = Number(v.level ?? '0');
    if (level > 4.1) return transcode('video', `H.264 level ${v.level}: first-generation Chromecasts stop at 4.1`);
    return h264Problem(v);
  }
  return transcode('video', `${v.codec}: every Chromecast plays H.264 and VP8; ${v.codec} only newer ones`);
}

function chromecastAudio(a: AudioFacts): Problem | undefined {
  if (['aac', 'mp3', 'opus', 'vorbis', 'flac'].includes(a.codec)) return undefined;
  return transcode('audio', `${a.codec}: Cast receivers play AAC, MP3, Opus, Vorbis or FLAC`);
}

function chromecast(f: ProbeFacts): Problem[] {
  const container = f.container ?? '';
  const containerProblem = ['mp4', 'webm', 'ts'].includes(container) ? [] : [remux(`${container || 'this container'}: Cast takes MP4, WebM or MPEG-TS`)];
  return [...f.video.map(chromecastVideo), ...f.audio.map(chromecastAudio), ...containerProblem, ...fastStartProblem(f)].filter((p): p is Problem => !!p);
}

export const RULES: Record<Target, (facts: ProbeFacts) => Problem[]> = { browser, safari, webrtc, chromecast };
