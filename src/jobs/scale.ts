// --scale values: "1280x720", "720p", "x720", "1280x" → an even output size, aspect kept when one side is given.
import { UsageError } from '../errors.js';

export interface ScaleRequest {
  width?: number;
  height?: number;
}

const NAMED: Record<string, number> = { '2160p': 2160, '4k': 2160, '1440p': 1440, '1080p': 1080, '720p': 720, '576p': 576, '480p': 480, '360p': 360, '240p': 240, '144p': 144 };

export function parseScale(text: string): ScaleRequest {
  const lower = text.trim().toLowerCase();
  const named = NAMED[lower] ?? (/^(\d+)p$/.exec(lower) ? Number(lower.slice(0, -1)) : undefined);
  if (named !== undefined) return { height: named };
  const m = /^(\d*)[x:](\d*)$/.exec(lower);
  const width = m?.[1] ? Number(m[1]) : undefined;
  const height = m?.[2] ? Number(m[2]) : undefined;
  if (!m || (width === undefined && height === undefined) || width === 0 || height === 0) {
    throw new UsageError(`Invalid --scale "${text}".`, { fix: 'Use WxH (1280x720), one side (1280x or x720), or a height like 720p.' });
  }
  return { ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}) };
}

// The final even size: fills in the missing side from the input's aspect; 4:2:0 needs even sides.
export function resolveSize(request: ScaleRequest | undefined, input: { width: number; height: number } | undefined): { width: number; height: number } | undefined {
  if (!request && !input) return undefined;
  if (!request) {
    const w = even(input!.width);
    const h = even(input!.height);
    return w === input!.width && h === input!.height ? undefined : { width: w, height: h };
  }
  if (request.width !== undefined && request.height !== undefined) return { width: even(request.width), height: even(request.height) };
  if (!input) return undefined;
  const aspect = input.width / input.height;
  if (request.height !== undefined) return { width: even(request.height * aspect), height: even(request.height) };
  return { width: even(request.width!), height: even(request.width! / aspect) };
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
