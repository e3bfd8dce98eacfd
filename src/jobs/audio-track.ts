// --audio-track N|all: which of the input's audio tracks a job keeps. Decoded pads come out of decodebin
// in track order, and gst-launch links each to the first waiting `audio/x-raw` branch, so track N is
// reached by sending the N-1 before it to fakesinks; tracks after the last one linked stay unlinked.
import { FlagValueError, textValue } from './flags.js';
import { UsageError } from '../errors.js';

/** 1-based track number, or every track. */
export type AudioTrackChoice = number | 'all';

export const parseAudioTrack = textValue((value: string): AudioTrackChoice => {
  if (value === 'all') return 'all';
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new FlagValueError(`--audio-track must be a track number from 1 or "all" (got "${value}")`);
  return Number(value);
});

export interface AudioTrackPlan {
  /** Decoded audio pads sent to a fakesink before the kept ones. */
  skip: number;
  /** Audio tracks encoded into the output. */
  keep: number;
  notes: string[];
}

// `tracks` is how many audio tracks the probe found; `carriesMany` whether the output can hold more than one.
export function planAudioTracks(choice: AudioTrackChoice | undefined, tracks: number, carriesMany: boolean, where: string): AudioTrackPlan {
  if (typeof choice === 'number') {
    if (choice > tracks) {
      throw new UsageError(`--audio-track ${choice}: the input has ${tracks} audio track${tracks === 1 ? '' : 's'}.`, {
        fix: tracks > 0 ? `Give a number from 1 to ${tracks}, or all.` : 'Drop --audio-track.',
        data: { audioTrack: choice, audioTracks: tracks },
      });
    }
    return { skip: choice - 1, keep: 1, notes: [] };
  }
  if (tracks <= 1) return { skip: 0, keep: tracks, notes: [] };
  if (choice === 'all' && carriesMany) return { skip: 0, keep: tracks, notes: [] };
  const why = choice === 'all' ? `${where} holds one audio track` : 'choose one with --audio-track N, or --audio-track all';
  return { skip: 0, keep: 1, notes: [`the input has ${tracks} audio tracks: only the first is kept (${why})`] };
}
