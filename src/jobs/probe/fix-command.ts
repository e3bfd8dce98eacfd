// The cheapest lydlr-gst command that makes a file play on a target: `compress` when the video
// must be re-encoded, else a `launch` pipeline that copies the video (and the audio, or re-encodes
// only the audio) into the container the target takes.
import { basename, dirname, join } from 'node:path';
import { quoteValue, shellQuote } from '../../pipeline/quote.js';
import type { ProbeFacts } from './facts.js';
import type { Problem, Target } from './targets.js';

type Container = 'mp4' | 'webm';

const DEMUXERS: Record<string, string> = { mp4: 'qtdemux', mov: 'qtdemux', m4a: 'qtdemux', '3gp': 'qtdemux', mkv: 'matroskademux', webm: 'matroskademux', ts: 'tsdemux', flv: 'flvdemux' };
const MUXERS: Record<Container, string[]> = { mp4: ['mp4mux', 'faststart=true'], webm: ['webmmux'] };
// Copying needs the parser so the muxer gets complete, described frames; MP4 wants HEVC as hvc1.
const VIDEO_COPY: Record<string, Record<Container, string>> = {
  h264: { mp4: 'h264parse', webm: 'h264parse' },
  h265: { mp4: 'h265parse ! video/x-h265,stream-format=hvc1,alignment=au', webm: 'h265parse' },
  vp8: { mp4: 'identity', webm: 'identity' },
  vp9: { mp4: 'vp9parse', webm: 'vp9parse' },
  av1: { mp4: 'av1parse', webm: 'av1parse' },
};
const AUDIO_COPY: Record<string, string> = { aac: 'aacparse', opus: 'opusparse', mp3: 'mpegaudioparse', ac3: 'ac3parse', eac3: 'ac3parse', vorbis: 'identity', flac: 'flacparse' };
// A demuxer's pads are linked by caps (`d. ! caps ! …`): pad names differ between demuxers.
const CAPS: Record<string, string> = {
  h264: 'video/x-h264', h265: 'video/x-h265', vp8: 'video/x-vp8', vp9: 'video/x-vp9', av1: 'video/x-av1',
  aac: 'audio/mpeg,mpegversion=4', mp3: 'audio/mpeg,mpegversion=1', opus: 'audio/x-opus', vorbis: 'audio/x-vorbis',
  ac3: 'audio/x-ac3', eac3: 'audio/x-eac3', flac: 'audio/x-flac',
};
const AUDIO_ENCODE: Record<'aac' | 'opus', string> = {
  aac: 'decodebin ! audioconvert ! audioresample ! avenc_aac ! aacparse',
  opus: 'decodebin ! audioconvert ! audioresample ! audio/x-raw,rate=48000 ! opusenc ! opusparse',
};

export interface Fix {
  /** The command line, ready for a shell. */
  command: string;
  /** The same as argv (after `lydlr-gst`). */
  argv: string[];
  output: string;
}

/** `dir/name.ext` → `dir/name.ext.<target>.<container>`: beside the input, never over it, and
 * distinct for inputs that differ only in their extension (a.mkv and a.webm). */
function outputPath(source: string, target: Target, container: Container): string {
  return join(dirname(source), `${basename(source)}.${target}.${container}`);
}

// The container each target gets and the audio codec it is given when the audio must change.
function plan(facts: ProbeFacts, target: Target): { container: Container; audio: 'aac' | 'opus' } {
  const webVideo = facts.video.every((v) => ['vp8', 'vp9', 'av1'].includes(v.codec));
  if (target === 'webrtc') return { container: webVideo ? 'webm' : 'mp4', audio: 'opus' };
  if (target === 'browser' && webVideo && facts.container !== 'mp4') return { container: 'webm', audio: 'opus' };
  return { container: 'mp4', audio: 'aac' };
}

function command(argv: string[], output: string): Fix {
  return { command: ['lydlr-gst', ...argv].map(shellQuote).join(' '), argv, output };
}

function transcodeFix(facts: ProbeFacts, target: Target, audioChanges: boolean): Fix {
  const codec = target === 'webrtc' ? 'vp8' : 'h264';
  const container: Container = target === 'webrtc' ? 'webm' : 'mp4';
  const output = outputPath(facts.source, target, container);
  const audio = facts.audio.length === 0 ? [] : ['--audio', audioChanges || target === 'webrtc' ? (container === 'webm' ? 'opus' : 'aac') : 'auto'];
  return command(['compress', facts.source, output, '--codec', codec, ...audio], output);
}

function remuxFix(facts: ProbeFacts, target: Target, audioChanges: boolean): Fix | undefined {
  const demuxer = DEMUXERS[facts.container ?? ''];
  const { container, audio } = plan(facts, target);
  const video = facts.video[0];
  const videoChain = video ? VIDEO_COPY[video.codec]?.[container] : undefined;
  const sound = facts.audio[0];
  const audioChain = sound ? (audioChanges ? AUDIO_ENCODE[audio] : AUDIO_COPY[sound.codec]) : undefined;
  const caps = (codec: string | undefined) => (codec ? CAPS[codec] : undefined);
  if (!demuxer || (video && !(videoChain && caps(video.codec))) || (sound && !(audioChain && caps(sound.codec)))) return undefined;
  const output = outputPath(facts.source, target, container);
  const branches = [
    ...(video ? [`d. ! ${caps(video.codec)} ! queue ! ${videoChain} ! mux.`] : []),
    ...(sound ? [`d. ! ${caps(sound.codec)} ! queue ! ${audioChain} ! mux.`] : []),
  ];
  const pipeline = [`filesrc location=${quoteValue(facts.source)}`, `! ${demuxer} name=d`, ...branches, `${MUXERS[container].join(' ')} name=mux`, `! filesink location=${quoteValue(output)}`].join(' ');
  return command(['launch', pipeline], output);
}

/** The fix for a target's problems, or undefined when nothing is wrong. */
export function fixFor(facts: ProbeFacts, target: Target, problems: Problem[]): Fix | undefined {
  if (problems.length === 0) return undefined;
  const audioChanges = problems.some((p) => p.part === 'audio' && p.need === 'transcode');
  if (problems.some((p) => p.part === 'video' && p.need === 'transcode')) return transcodeFix(facts, target, audioChanges);
  return remuxFix(facts, target, audioChanges) ?? transcodeFix(facts, target, audioChanges);
}
