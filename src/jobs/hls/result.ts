// The result record of an hls job (--json fields), with its human summary from report/hls-view.ts.
import { join } from 'node:path';
import type { RunResult } from '../../gst/launch/runner.js';
import { hlsResultLines } from '../../report/hls-view.js';
import { MASTER_PLAYLIST, type HlsPlan } from './plan.js';
import type { RenditionPlaylist } from './rendition-playlist.js';
import { audioMedia, audioRates, masterVariants, type RenditionMedia } from './variants.js';

export interface HlsResultData {
  data: Record<string, unknown>;
  lines: string[];
}

export interface FinishInfo {
  result: RunResult;
  /** The pipeline picture written for --graph. */
  graph: string | undefined;
  firstPlaylistMs: number | undefined;
  url: string | undefined;
  page: string | undefined;
  stoppedBy: 'end' | 'signal' | 'duration';
}

export function hlsResultData(plan: HlsPlan, playlists: RenditionPlaylist[], media: RenditionMedia, info: FinishInfo): HlsResultData {
  const variants = masterVariants(plan, playlists, media);
  const renditions = plan.renditions.map((r, i) => {
    const stats = playlists[i]!.stats();
    const v = variants[i]!;
    return {
      name: r.name || undefined,
      playlist: join(r.dir, plan.playlistName),
      width: v.width || undefined,
      height: v.height || undefined,
      bitrateKbps: r.bitrateKbps,
      codecs: v.codecs.join(','),
      bandwidth: Math.round(v.bandwidth),
      averageBandwidth: Math.round(v.averageBandwidth),
      ...stats,
    };
  });
  const audioRenditions = audioRenditionsData(plan, playlists, media);
  const total = [...renditions, ...(audioRenditions ?? [])].reduce((acc, r) => ({ segments: acc.segments + r.segments, bytes: acc.bytes + r.bytes }), { segments: 0, bytes: 0 });
  const durationSeconds = renditions[0]?.durationSeconds ?? 0;
  const data = {
    mode: plan.live ? 'live' : 'vod',
    outputDir: plan.outputDir,
    playlist: plan.master ? join(plan.outputDir, MASTER_PLAYLIST) : renditions[0]!.playlist,
    master: plan.master ? join(plan.outputDir, MASTER_PLAYLIST) : undefined,
    segmentDuration: plan.segmentDuration,
    durationSeconds,
    segments: total.segments,
    bytes: total.bytes,
    renditions,
    audioRenditions,
    skipped: plan.skipped.length > 0 ? plan.skipped : undefined,
    notes: plan.notes.length > 0 ? plan.notes : undefined,
    stoppedBy: info.stoppedBy,
    firstPlaylistMs: info.firstPlaylistMs,
    url: info.url,
    page: info.page,
    wallSeconds: Number((info.result.durationMs / 1000).toFixed(2)),
    stats: info.result.stats,
    gstCommand: info.result.command,
    graph: info.graph,
  };
  return { data, lines: hlsResultLines({ live: plan.live, playlist: data.playlist, durationSeconds, segments: total.segments, bytes: total.bytes, wallSeconds: data.wallSeconds, renditions, audioRenditions }) };
}

// --audio-track all: each audio rendition as the master lists it, with what its playlist holds.
function audioRenditionsData(plan: HlsPlan, playlists: RenditionPlaylist[], media: RenditionMedia) {
  if (!plan.audioGroup) return undefined;
  const entries = audioMedia(plan, media);
  const rates = audioRates(plan, playlists);
  return plan.audioGroup.renditions.map((r, k) => {
    const index = plan.renditions.length + k;
    return {
      name: r.name,
      title: entries[k]!.name,
      language: r.language,
      track: r.track,
      default: entries[k]!.isDefault,
      channels: entries[k]!.channels,
      playlist: join(r.dir, plan.playlistName),
      bitrateKbps: plan.audioGroup!.bitrateKbps,
      codecs: media.audioCodecOf(index),
      bandwidth: Math.round(rates[k]!.bandwidth),
      averageBandwidth: Math.round(rates[k]!.averageBandwidth),
      ...playlists[index]!.stats(),
    };
  });
}
