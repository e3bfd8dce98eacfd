// What happens to the audio: dropped, copied as is, or re-encoded to what the container takes.
import { UsageError } from '../../errors.js';
import type { Container } from '../../pipeline/codecs.js';
import { CONTAINER_SPECS, type AudioCodec } from '../../pipeline/containers.js';
import type { AudioMode } from './audio-modes.js';

export type AudioPlan =
  | { mode: 'none'; reason: string }
  | { mode: 'copy'; codec: AudioCodec; caps: string }
  | { mode: 'encode'; codec: AudioCodec };

export interface SourceAudio {
  /** Short codec name from the probe (aac, opus, …), or undefined when the input has no audio. */
  codecName: string | undefined;
  /** Caps name of the compressed stream (audio/mpeg, audio/x-opus). */
  caps: string | undefined;
}

const COPYABLE = new Set<string>(['aac', 'opus', 'vorbis', 'mp3']);

// Automatic: copy when the codec fits the container, otherwise re-encode to the container's first choice.
export function planAudio(mode: AudioMode, source: SourceAudio, container: Container): AudioPlan {
  const takes = CONTAINER_SPECS[container].audio;
  if (mode === 'none') return { mode: 'none', reason: '--audio none' };
  if (source.codecName === undefined) return { mode: 'none', reason: 'the input has no audio' };
  const fits = COPYABLE.has(source.codecName) && takes.includes(source.codecName as AudioCodec);
  if (mode === 'copy') {
    if (!fits || !source.caps) {
      throw new UsageError(`Cannot copy ${source.codecName} audio into .${container}.`, { fix: `.${container} takes ${takes.join(', ')}: use --audio ${takes[0]} (or auto).` });
    }
    return { mode: 'copy', codec: source.codecName as AudioCodec, caps: copyCaps(source.codecName as AudioCodec, source.caps) };
  }
  if (mode === 'auto') return fits && source.caps ? { mode: 'copy', codec: source.codecName as AudioCodec, caps: copyCaps(source.codecName as AudioCodec, source.caps) } : { mode: 'encode', codec: takes[0]! };
  if (!takes.includes(mode)) {
    throw new UsageError(`.${container} cannot hold ${mode} audio.`, { fix: `.${container} takes ${takes.join(', ')}.` });
  }
  return { mode: 'encode', codec: mode };
}

// AAC and MP3 share the caps name audio/mpeg: tell them apart so the right stream is linked.
function copyCaps(codec: AudioCodec, caps: string): string {
  if (codec === 'aac') return 'audio/mpeg,mpegversion=4';
  if (codec === 'mp3') return 'audio/mpeg,mpegversion=1';
  return caps;
}
