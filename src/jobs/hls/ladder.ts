// --ladder "1080p,720p,360p" or "1280x720@2800,640x360@800" → the renditions to encode, sized to the input.
import { UsageError } from '../../errors.js';

export interface LadderItem {
  /** The item as the user wrote it. */
  text: string;
  /** Explicit width, or undefined to follow the input's aspect. */
  width: number | undefined;
  height: number;
  bitrateKbps: number;
}

export interface Rendition {
  /** Folder name inside the output dir (e.g. "720p"). */
  name: string;
  width: number;
  height: number;
  bitrateKbps: number;
}

export interface ResolvedLadder {
  renditions: Rendition[];
  skipped: { text: string; reason: string }[];
}

// Video bitrates by height, close to Apple's HLS authoring table (H.264, 30 fps).
const DEFAULT_KBPS: [height: number, kbps: number][] = [
  [2160, 16000], [1440, 9000], [1080, 5000], [720, 2800], [540, 2000], [480, 1400], [360, 800], [240, 400], [144, 200],
];
const NAMED_HEIGHTS: Record<string, number> = { '4k': 2160, uhd: 2160, fhd: 1080, hd: 720, sd: 480 };

export const LADDER_FORMS = ['a height: 1080p, 720p, 360p (also 4k)', 'WxH: 1280x720', 'either with a bitrate: 720p@2500 or 1280x720@2.5M (kbit/s unless M)'];

// The default video bitrate for a frame height (kbit/s), scaled by frame rate above 30.
export function defaultBitrateKbps(height: number, fps = 30): number {
  const row = DEFAULT_KBPS.find(([h]) => height >= h) ?? DEFAULT_KBPS[DEFAULT_KBPS.length - 1]!;
  const exact = DEFAULT_KBPS.find(([h]) => h === height);
  const kbps = exact ? exact[1] : Math.round((row[1] * height) / row[0]);
  return fps > 31 ? Math.round(kbps * 1.5) : kbps;
}

// Parses the list; an item that fits no form is a usage error (exit 2) naming it.
export function parseLadder(text: string, fps = 30): LadderItem[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw ladderError(text, 'the list is empty');
  const items = parts.map((part) => parseItem(part, fps));
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.width ?? ''}x${item.height}`;
    if (seen.has(key)) throw ladderError(item.text, 'it appears twice');
    seen.add(key);
  }
  return items;
}

function parseItem(part: string, fps: number): LadderItem {
  const m = /^(?:(\d+)p|(\d+)x(\d+)|(\d*[a-z]+))(?:@(\d+(?:\.\d+)?)\s*(k|kbps|m|mbps)?)?$/i.exec(part);
  const named = m?.[4] !== undefined ? NAMED_HEIGHTS[m[4].toLowerCase()] : undefined;
  if (!m || (m[4] !== undefined && named === undefined)) throw ladderError(part, 'unknown ladder item');
  const height = named ?? Number(m[1] ?? m[3]);
  const width = m[2] !== undefined ? Number(m[2]) : undefined;
  if (height < 16 || height > 4320 || (width !== undefined && (width < 16 || width > 7680))) throw ladderError(part, 'size out of range (16 to 7680x4320)');
  const unit = m[6]?.toLowerCase().startsWith('m') ? 1000 : 1;
  const bitrateKbps = m[5] !== undefined ? Math.round(Number(m[5]) * unit) : defaultBitrateKbps(height, fps);
  if (bitrateKbps < 16 || bitrateKbps > 200_000) throw ladderError(part, 'bitrate out of range (16 kbit/s to 200 Mbit/s)');
  return { text: part, width, height, bitrateKbps };
}

// Sizes each item (even sides, the input's aspect when only a height is given) and drops
// renditions larger than the input: upscaling costs bits and shows nothing new.
export function resolveLadder(items: LadderItem[], input: { width: number; height: number } | undefined): ResolvedLadder {
  const aspect = input ? input.width / input.height : 16 / 9;
  const renditions: Rendition[] = [];
  const skipped: ResolvedLadder['skipped'] = [];
  for (const item of items) {
    const width = even(item.width ?? item.height * aspect);
    const height = even(item.height);
    if (input && (height > input.height || width > input.width)) {
      skipped.push({ text: item.text, reason: `${width}x${height} is larger than the input (${input.width}x${input.height})` });
      continue;
    }
    renditions.push({ name: '', width, height, bitrateKbps: item.bitrateKbps });
  }
  return { renditions: nameRenditions(renditions), skipped };
}

// "720p" unless two renditions share a height, then "1280x720".
function nameRenditions(renditions: Rendition[]): Rendition[] {
  const heights = renditions.map((r) => r.height);
  return renditions.map((r) => ({ ...r, name: heights.filter((h) => h === r.height).length > 1 ? `${r.width}x${r.height}` : `${r.height}p` }));
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function ladderError(item: string, reason: string): UsageError {
  return new UsageError(`Invalid --ladder item "${item}": ${reason}.`, {
    fix: `Give a comma-separated list; each item is ${LADDER_FORMS.join('; ')}.`,
    data: { item, accepted: LADDER_FORMS },
  });
}
