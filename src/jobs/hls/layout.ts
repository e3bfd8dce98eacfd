// Where things go: the playlist a player opens, each rendition's playlist object, and its sink's files per run.
import { join, relative } from 'node:path';
import type { SinkTarget } from './pipeline.js';
import { MASTER_PLAYLIST, type HlsPlan } from './plan.js';
import { RenditionPlaylist } from './rendition-playlist.js';

// The playlist to open, relative to the output folder: master.m3u8 for a ladder, else the one media playlist.
export function entryPlaylist(plan: HlsPlan): string {
  return plan.master ? MASTER_PLAYLIST : relative(plan.outputDir, join(plan.renditions[0]!.dir, plan.playlistName)).split('\\').join('/');
}

export function makePlaylists(plan: HlsPlan): RenditionPlaylist[] {
  return plan.renditions.map(
    (r) => new RenditionPlaylist({
      dir: r.dir, playlistName: plan.playlistName, mode: plan.live ? 'live' : 'vod', segmentDuration: plan.segmentDuration, playlistLength: plan.playlistLength, maxFiles: plan.maxFiles,
      ...(plan.format === 'fmp4' ? { version: 7 } : {}),
      ...(plan.partTarget !== undefined ? { partTarget: plan.partTarget } : {}),
    }),
  );
}

// Run `run` of the pipeline (a looped input restarts it) writes new segment names beside the old ones.
export function sinkTargets(plan: HlsPlan, playlists: RenditionPlaylist[], run: number): SinkTarget[] {
  return plan.renditions.map((r, i) => ({ dir: r.dir, segmentPattern: playlists[i]!.segmentPattern(run), workingPlaylist: playlists[i]!.workingPath }));
}
