// Tracks a job does not carry over are said out loud: extra audio tracks (only the first is
// encoded) and subtitle tracks (not kept), so nothing disappears silently.

export interface TrackCounts {
  audio: number;
  subtitles: number;
}

export function droppedTrackNotes(tracks: TrackCounts, audioKept: boolean): string[] {
  const notes: string[] = [];
  if (audioKept && tracks.audio > 1) notes.push(`the input has ${tracks.audio} audio tracks: only the first is kept`);
  if (tracks.subtitles > 0) notes.push(`the input has ${tracks.subtitles} subtitle track${tracks.subtitles === 1 ? '' : 's'}: subtitles are not kept`);
  return notes;
}
