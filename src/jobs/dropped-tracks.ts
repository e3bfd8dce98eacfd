// Tracks a job does not carry over are said out loud, so nothing disappears silently: subtitle tracks
// here, extra audio tracks in audio-track.ts (with the choice --audio-track offers).

export interface TrackCounts {
  audio: number;
  subtitles: number;
}

export function subtitleNotes(subtitles: number): string[] {
  return subtitles > 0 ? [`the input has ${subtitles} subtitle track${subtitles === 1 ? '' : 's'}: subtitles are not kept`] : [];
}
