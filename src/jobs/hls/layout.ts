// Where things go: the playlist a player opens, each rendition's playlist object, and its sink's files per run.
import { join, relative } from 'node:path';
import type { SinkTarget } from './pipeline.js';
import { MASTER_PLAYLIST, type HlsPlan } from './plan.js';
import { RenditionPlaylist } from './rendition-playlist.js';

/** A folder one sink writes: a video rendition, or an audio rendition (audio ones come after every video one). */
export interface SinkOutput {
  /** "" for a single video rendition in the output folder itself; "720p", "audio_2". */
  name: string;
  dir: string;
  kind: 'video' | 'audio';
}

// Sink i writes outputs[i], and playlists, sink targets and events are indexed the same way.
export function sinkOutputs(plan: HlsPlan): SinkOutput[] {
  return [
    ...plan.renditions.map((r) => ({ name: r.name, dir: r.dir, kind: 'video' as const })),
    ...(plan.audioGroup?.renditions ?? []).map((r) => ({ name: r.name, dir: r.dir, kind: 'audio' as const })),
  ];
}

// The playlist to open, relative to the output folder: master.m3u8 for a ladder or audio renditions, else the one media playlist.
export function entryPlaylist(plan: HlsPlan): string {
  return plan.master ? MASTER_PLAYLIST : relativeUri(plan, plan.renditions[0]!.dir);
}

/** A rendition's playlist as the master names it ("720p/playlist.m3u8"). */
export function relativeUri(plan: HlsPlan, dir: string): string {
  return relative(plan.outputDir, join(dir, plan.playlistName)).split('\\').join('/');
}

export function makePlaylists(plan: HlsPlan): RenditionPlaylist[] {
  return sinkOutputs(plan).map(
    (r) => new RenditionPlaylist({
      dir: r.dir, playlistName: plan.playlistName, mode: plan.live ? 'live' : 'vod', segmentDuration: plan.segmentDuration, playlistLength: plan.playlistLength, maxFiles: plan.maxFiles,
      ...(plan.format === 'fmp4' ? { version: 7 } : {}),
      ...(plan.partTarget !== undefined ? { partTarget: plan.partTarget } : {}),
    }),
  );
}

// Run `run` of the pipeline (a looped input restarts it) writes new segment names beside the old ones.
export function sinkTargets(plan: HlsPlan, playlists: RenditionPlaylist[], run: number): SinkTarget[] {
  return sinkOutputs(plan).map((r, i) => ({ dir: r.dir, segmentPattern: playlists[i]!.segmentPattern(run), workingPlaylist: playlists[i]!.workingPath }));
}
