// The encoder before a folder is touched or a child spawned: an optional one (x265enc, vp9enc, av1enc) and its
// parser must be installed (exit 3 naming the package), and --scale, the --ladder renditions and the bitrates
// must be within its own limits (gst-inspect), so they end in exit 2 instead of a link error.
import { CODECS } from '../../pipeline/codecs.js';
import { exists } from '../../gst/inspect/inspect.js';
import { missingElement } from '../../gst/launch/failure.js';
import { checkEncodeRequest, type EncoderLimits, type LimitsOf } from '../encoder-limits.js';
import type { HlsOptions } from './options.js';
import type { HlsPlan } from './plan.js';

/**
 * Starts reading the encoder's limits (gst-inspect answers, parsed), so that they load while the probe
 * runs; undefined when nothing asks for them (the input's own size and the default rates are always
 * within range). Checked by checkHlsEncodes, after the probe, so the refusals keep their order.
 */
export function startEncodeLimits(options: HlsOptions, limitsOf: LimitsOf): Promise<EncoderLimits> | undefined {
  if (options.scale === undefined && options.ladder === undefined && options.bitrate === undefined) return undefined;
  const limits = limitsOf(options.codec);
  limits.catch(() => {}); // its failure, if any, is met in checkHlsEncodes
  return limits;
}

export async function checkHlsEncodes(options: HlsOptions, plan: HlsPlan, pending: Promise<EncoderLimits> | undefined): Promise<void> {
  if (!pending) return;
  const limits = await pending;
  const sized = options.scale !== undefined || options.ladder !== undefined;
  for (const r of plan.renditions) {
    const size = sized && r.width !== undefined && r.height !== undefined ? { width: r.width, height: r.height } : undefined;
    const flags = options.ladder !== undefined
      ? { size: `--ladder rendition ${r.name}`, bitrate: `--ladder rendition ${r.name}:` }
      : { size: `--scale ${options.scale}` };
    checkEncodeRequest({ size, bitrateKbps: r.bitrateKbps }, limits, flags);
  }
}

// H.264's x264enc is required by the job (doctor says so); the others come from optional plugins. Asked in
// parallel with `gst-inspect-1.0 --exists` (≈ 10 ms each) only when such a codec is chosen.
export async function checkHlsEncoderInstalled(plan: HlsPlan, env: NodeJS.ProcessEnv): Promise<void> {
  if (plan.codec === 'h264') return;
  const spec = CODECS[plan.codec];
  const elements = [spec.software, ...(spec.parser ? [spec.parser] : [])];
  const present = await Promise.all(elements.map(async (e) => (await exists(e, undefined, { env })) === 'present'));
  const missing = elements.find((_, i) => !present[i]);
  if (missing) throw missingElement(missing);
}
