// The WebVTT thumbnail track players read (video.js, Vidstack, Plyr): one cue per thumbnail, contiguous
// from 0 to the duration, whose text is the image (with `#xywh=` for a tile of a sprite sheet).
import type { Tile } from './layout.js';

/** HH:MM:SS.mmm, as WebVTT wants it (the hours always, which every parser accepts). */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

export function thumbnailsVtt(tiles: Tile[]): string {
  const cues = tiles.map((t) => {
    const target = t.rect ? `${encodeURI(t.file)}#xywh=${t.rect.x},${t.rect.y},${t.rect.w},${t.rect.h}` : encodeURI(t.file);
    return `${vttTime(t.start)} --> ${vttTime(t.end)}\n${target}\n`;
  });
  return ['WEBVTT', '', ...cues.map((c) => c)].join('\n');
}
