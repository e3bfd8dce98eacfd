// The audio of a chunked encode, decided once from the probe: the same choice compress makes (copy
// when the output container takes the codec, else encode to its first choice), for one track. `queue
// add --chunk` asks it too, to know whether the flow has an audio step at all.
import { UsageError } from '../../errors.js';
import type { MediaInfo } from '../../gst/discover/schema.js';
import type { Container } from '../../pipeline/codecs.js';
import { planAudio, type AudioPlan } from '../compress/audio-plan.js';
import type { AudioMode } from '../compress/audio-modes.js';
import { planAudioTracks, type AudioTrackChoice } from '../audio-track.js';
import { AUDIO_FILES } from '../chunk-work.js';

export interface ChunkAudioPlan {
  audio: Exclude<AudioPlan, { mode: 'none' }>;
  /** The caps the chosen track's parsed pad has (an earlier track with the same caps goes to a fakesink). */
  trackCaps: string;
  /** Earlier tracks with the same caps. */
  skip: number;
  /** Where in the work folder the step writes it. */
  file: (typeof AUDIO_FILES)[number];
  notes: string[];
}

export interface ChunkAudioOptions {
  audio: AudioMode;
  audioTrack?: AudioTrackChoice | undefined;
  container: Container;
}

/** undefined: the output has no audio (none in the input, or --audio none). */
export function planChunkAudio(media: MediaInfo, options: ChunkAudioOptions): ChunkAudioPlan | undefined {
  if (options.audioTrack === 'all') {
    throw new UsageError('--chunk keeps one audio track: --audio-track all is not chunked.', { fix: 'Give --audio-track N, or queue the file without --chunk.' });
  }
  const tracks = planAudioTracks(options.audioTrack, media.audio.length, false, 'a chunked encode');
  const track = media.audio[tracks.skip];
  if (!track || tracks.keep === 0) return undefined;
  const audio = planAudio(options.audio, { codecName: track.codecName, caps: track.codec }, options.container);
  if (audio.mode === 'none') return undefined;
  const trackCaps = parsedCaps(track.codec, track.codecName);
  const skip = media.audio.slice(0, tracks.skip).filter((a) => parsedCaps(a.codec, a.codecName) === trackCaps).length;
  return { audio, trackCaps, skip, file: audio.codec === 'vorbis' ? 'audio.mka' : 'audio.m4a', notes: tracks.notes };
}

// AAC and MP3 share the caps name audio/mpeg: the version tells their pads apart.
function parsedCaps(caps: string, codecName: string): string {
  if (caps !== 'audio/mpeg') return caps;
  return codecName === 'aac' ? 'audio/mpeg,mpegversion=4' : 'audio/mpeg,mpegversion=1';
}
