// The short answer (`status`): installed or not, version, plugin and feature counts, DeepStream.
import { gstChildEnv, readEnv } from '../config/env.js';
import { EnvironmentError } from '../errors.js';
import { listFeatures } from '../gst/inspect/inspect.js';
import type { FeatureKind } from '../gst/inspect/schema.js';
import { gstreamerMissing } from '../gst/tools.js';
import { deepstreamStatus } from '../jobs/deepstream/status.js';
import { ESSENTIAL_TOOLS, gstVersion, locateTools, type ToolPaths } from './gst-tools.js';

export interface GstStatus {
  installed: true;
  version: string | undefined;
  tools: ToolPaths;
  plugins: { total: number; listed: number; featureless: number; blacklisted: number };
  features: { total: number; byKind: Partial<Record<FeatureKind, number>> };
  /** The listing adds up to gst-inspect-1.0's `Total count:` line. */
  consistent: boolean;
  deepstream: { available: boolean; enabled: boolean; version: string | null; reasons: string[] };
}

export interface StatusOptions {
  /** The process environment (PATH, GST_*, our variables); default process.env. */
  env?: NodeJS.ProcessEnv;
  gstDebug?: number;
}

// Throws exit 3 with the apt line when GStreamer is not installed (and exit 2 for an invalid variable).
export async function gstStatus(options: StatusOptions = {}): Promise<GstStatus> {
  const base = options.env ?? process.env;
  const childEnv = gstChildEnv(readEnv(base), { gstDebug: options.gstDebug }, base);
  const tools = locateTools(childEnv);
  const absent = ESSENTIAL_TOOLS.find((t) => tools[t] === null);
  if (absent) {
    const e = gstreamerMissing(absent);
    throw new EnvironmentError(e.message, { fix: e.fix, data: { ...e.data, installed: false, tools } });
  }
  const [listing, version, deepstream] = await Promise.all([listFeatures({ env: childEnv }), gstVersion(childEnv), deepstreamStatus({ env: base })]);
  const byKind: Partial<Record<FeatureKind, number>> = {};
  for (const f of listing.features) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  return {
    installed: true,
    version: version.version,
    tools,
    plugins: {
      total: listing.totals?.plugins ?? listing.plugins.length, listed: listing.plugins.length,
      featureless: listing.featurelessPlugins, blacklisted: listing.totals?.blacklisted ?? 0,
    },
    features: { total: listing.totals?.features ?? listing.features.length, byKind },
    consistent: listing.consistent,
    deepstream: { available: deepstream.available, enabled: deepstream.enabled, version: deepstream.version, reasons: deepstream.reasons },
  };
}
