// The job's own events (beside GStreamer's): a closed segment, live status, and "playable now".
import { join } from 'node:path';
import type { AppEvent } from '../../report/reporter.js';
import type { HlsPlan } from './plan.js';
import type { RenditionPlaylist, SegmentRecord } from './rendition-playlist.js';
import { sinkOutputs } from './layout.js';

export function segmentEvent(plan: HlsPlan, index: number, s: SegmentRecord): AppEvent {
  const r = sinkOutputs(plan)[index]!;
  const uri = r.name ? `${r.name}/${s.uri}` : s.uri;
  return {
    type: 'segment',
    rendition: r.name || undefined,
    uri,
    path: join(r.dir, s.uri),
    sequence: s.sequence,
    durationSeconds: Number(s.durationSeconds.toFixed(3)),
    bytes: s.bytes,
    kbps: kbpsOf(s),
  };
}

// One line for the spinner: segments so far and the last segment's bit rate.
export function liveStatusEvent(plan: HlsPlan, playlist: RenditionPlaylist, last: SegmentRecord): AppEvent {
  const { segments } = playlist.stats();
  return { type: 'status', message: `live · ${segments} segment${segments === 1 ? '' : 's'} · ${kbpsOf(last)} kb/s · ${plan.playlistLength || 'all'} in the playlist` };
}

// With --serve: `ready` with the URLs (the DESIGN contract for servers); without: where the playlist is.
export function readyEvent(playlist: string, firstPlaylistMs: number, server: { url: string; page: string } | undefined): AppEvent {
  return server ? { type: 'ready', url: server.url, page: server.page, playlist, firstPlaylistMs } : { type: 'playlist-ready', playlist, firstPlaylistMs };
}

function kbpsOf(s: SegmentRecord): number {
  return s.durationSeconds > 0 ? Math.round((s.bytes * 8) / s.durationSeconds / 1000) : 0;
}
