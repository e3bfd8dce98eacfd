// --scale, the --ladder renditions and the bitrates checked against the encoder's own limits (gst-inspect)
// before a folder is touched or a child spawned, so they end in exit 2 instead of a link error.
import { checkEncodeRequest, type LimitsOf } from '../encoder-limits.js';
import type { HlsOptions } from './options.js';
import type { HlsPlan } from './plan.js';

export async function checkHlsEncodes(options: HlsOptions, plan: HlsPlan, limitsOf: LimitsOf): Promise<void> {
  // Nothing asked for: the input's own size and the default rates are always within range.
  if (options.scale === undefined && options.ladder === undefined && options.bitrate === undefined) return;
  const limits = await limitsOf(plan.codec);
  const sized = options.scale !== undefined || options.ladder !== undefined;
  for (const r of plan.renditions) {
    const size = sized && r.width !== undefined && r.height !== undefined ? { width: r.width, height: r.height } : undefined;
    const flags = options.ladder !== undefined
      ? { size: `--ladder rendition ${r.name}`, bitrate: `--ladder rendition ${r.name}:` }
      : { size: `--scale ${options.scale}` };
    checkEncodeRequest({ size, bitrateKbps: r.bitrateKbps }, limits, flags);
  }
}
