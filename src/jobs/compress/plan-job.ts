// Options + one input → a complete plan: probed input, chosen encoder, container, audio, size.
import { availableParallelism } from 'node:os';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import { discover } from '../../gst/discover/discover.js';
import type { MediaInfo } from '../../gst/discover/schema.js';
import { chooseEncoder, type EncoderChoice } from '../encoder-choice.js';
import { parseScale, resolveSize } from '../scale.js';
import { checkEncodeRequest, encoderLimits } from '../encoder-limits.js';
import { planAudio, type AudioPlan } from './audio-plan.js';
import { planAudioTracks, type AudioTrackPlan } from '../audio-track.js';
import { planSubtitles } from './subtitles.js';
import { UsageError } from '../../errors.js';
import { requireVideo } from '../video-input.js';
import { directDecoderFor, directDecoderPresent } from '../direct-decode.js';
import { requireStdinData } from '../stdin-input.js';
import { displayedSize, orientationOf } from '../orientation.js';
import { checkPaths, containerFor, outputPathFor } from './targets.js';
import { partialName } from './partials.js';
import { x264Threads } from '../x264-threads.js';
import { keptColorimetry } from '../../pipeline/colorimetry.js';
import type { CompressOptions } from './options.js';
import { readsParsed, type CompressPlan } from './pipeline.js';

export interface PlannedJob {
  inputSpec: string;
  output: string;
  plan: CompressPlan;
  media: MediaInfo | undefined;
  encoder: EncoderChoice;
  /** Tracks not carried over, said as warnings. */
  notes: string[];
}

// Everything that can be refused is refused here, before anything is spawned. `cores`: this job's share
// of the machine (a batch runs several at once), for the encoder's threads.
export async function planJob(spec: string, options: CompressOptions, env: NodeJS.ProcessEnv, cores = availableParallelism()): Promise<PlannedJob> {
  const input = parseInputSpec(spec);
  const output = outputPathFor(input, options);
  const container = containerFor(output, options.codec);
  checkPaths(input, output, options.overwrite);
  if (input.kind === 'stdin') requireStdinData();
  const scale = options.scale !== undefined ? parseScale(options.scale) : undefined;
  // Probe, encoder choice and the direct decoder's presence are independent: ask them together. The
  // chosen encoder's limits (gst-inspect answers, parsed) are read while the probe runs, and checked
  // after it, so the refusals keep their order.
  const choice = chooseEncoder(options.codec, options.encoder, env);
  const asksLimits = options.scale !== undefined || options.fps !== undefined || options.bitrate !== undefined;
  const limits = asksLimits ? choice.then((e) => encoderLimits(options.codec, e.element, env)) : undefined;
  limits?.catch(() => {}); // its failure, if any, is met below
  const [media, encoder, decoderPresent] = await Promise.all([
    probe(input, env),
    choice,
    input.kind === 'file' ? directDecoderPresent(env) : false,
  ]);
  if (media) requireVideo(spec, media);
  const orientation = orientationOf(media);
  const stored = media?.video[0];
  const video = stored && displayedSize(stored, orientation);
  const tracks = planAudioTracks(options.audioTrack, input.kind === 'test' ? 1 : (media?.audio.length ?? 0), container !== 'flv', `.${container}`);
  const audio = media?.audio[tracks.skip];
  const sourceAudio = input.kind === 'test' ? { codecName: 'pcm', caps: undefined } : { codecName: audio?.codecName, caps: audio?.codec };
  const size = input.kind === 'test' ? resolveSize(scale, { width: 1280, height: 720 }) ?? { width: 1280, height: 720 } : resolveSize(scale, video);
  if (limits) {
    checkEncodeRequest({ size: options.scale !== undefined ? size : undefined, fps: options.fps, bitrateKbps: options.bitrate }, await limits, { size: `--scale ${options.scale}` });
  }
  const plan: CompressPlan = {
    input,
    writeTo: partialName(output),
    container,
    codec: options.codec,
    encoder: encoder.element,
    settings: {
      bitrateKbps: options.bitrate,
      level: options.bitrate === undefined ? options.level : undefined,
      preset: options.preset,
      threads: options.codec === 'h264' ? x264Threads(cores) : undefined,
    },
    audio: trackAudio(planAudio(options.audio, sourceAudio, container), tracks, options.audio),
    audioTracks: { skip: tracks.skip, keep: tracks.keep },
    size,
    colorimetry: stored && keptColorimetry(stored),
    fps: options.fps,
    autoOrient: orientation !== undefined,
    videoCaps: video?.codec,
    directDecoder: directDecoderFor(stored, decoderPresent),
    durationSeconds: input.kind === 'test' ? (options.duration ?? 10) : undefined,
  };
  const subtitles = planSubtitles(container, media?.subtitles ?? [], readsParsed(plan));
  plan.subtitleTracks = subtitles.keep;
  const notes = plan.audio.mode === 'none' ? [] : tracks.notes;
  return { inputSpec: spec, output, plan, media, encoder, notes: [...notes, ...subtitles.notes] };
}

// Copying takes compressed audio from parsebin, whose pads cannot be told apart by track: a track past
// the first, or several, are decoded and re-encoded (to the same codec), and --audio copy is refused.
function trackAudio(audio: AudioPlan, tracks: AudioTrackPlan, mode: CompressOptions['audio']): AudioPlan {
  if (audio.mode !== 'copy' || (tracks.skip === 0 && tracks.keep <= 1)) return audio;
  if (mode === 'copy') throw new UsageError('--audio copy keeps only the first audio track.', { fix: 'Use --audio auto (re-encodes the chosen tracks) or drop --audio-track.' });
  return { mode: 'encode', codec: audio.codec };
}

// compress plans nothing from decoded audio (it copies or re-encodes whatever layout comes), so its
// probe lets a light decoder answer for AAC (gst/discover/no-decode-env.ts).
async function probe(input: InputSpec, env: NodeJS.ProcessEnv): Promise<MediaInfo | undefined> {
  if (input.kind === 'file') return discover(input.path, { env, lightAudio: true });
  if (input.kind === 'uri') return discover(input.uri, { env });
  return undefined;
}
