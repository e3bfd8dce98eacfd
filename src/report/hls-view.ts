// An hls job for people: the ready line and the closing summary.
import { formatBytes } from './format.js';

export interface HlsSummary {
  live: boolean;
  playlist: unknown;
  durationSeconds: number;
  segments: number;
  bytes: number;
  wallSeconds: number;
  renditions: { name?: string | undefined; width?: number | undefined; height?: number | undefined; segments: number; bytes: number; averageBandwidth: number; bandwidth: number; codecs: string }[];
  /** Audio-only renditions (--audio-track all). */
  audioRenditions?: { name: string; title: string; language?: string | undefined; default: boolean; segments: number; bytes: number; averageBandwidth: number; bandwidth: number; codecs: string }[] | undefined;
}

export function hlsResultLines(s: HlsSummary): string[] {
  return [
    `✓ HLS ${s.live ? 'live stream ended' : 'VOD written'}: ${String(s.playlist)}`,
    `  ${s.durationSeconds.toFixed(1)} s in ${s.segments} segment${s.segments === 1 ? '' : 's'} · ${formatBytes(s.bytes)} · ${s.wallSeconds} s wall`,
    ...s.renditions.map((r) => `  ${r.name ?? 'rendition'} ${r.width ?? '?'}x${r.height ?? '?'} · ${r.segments} segments · ${formatBytes(r.bytes)} · ${rates(r)} · ${r.codecs}`),
    ...(s.audioRenditions ?? []).map((a) => `  ${a.name} ${a.title}${a.language ? ` (${a.language})` : ''}${a.default ? ', default' : ''} · ${a.segments} segments · ${formatBytes(a.bytes)} · ${rates(a)} · ${a.codecs}`),
  ];
}

function rates(r: { averageBandwidth: number; bandwidth: number }): string {
  return `avg ${Math.round(r.averageBandwidth / 1000)} kb/s, peak ${Math.round(r.bandwidth / 1000)} kb/s`;
}

// Where to watch, once the first playlist is out: the preview server, or a live playlist file.
export function hlsReadyLine(playlist: string, live: boolean, server: { url: string; page: string } | undefined): string | undefined {
  if (server) return `▶ ready: ${server.url}  ·  preview page: ${server.page}`;
  return live ? `▶ playable: ${playlist}` : undefined;
}
