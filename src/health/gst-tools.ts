// Which GStreamer command-line tools are on PATH, and the version they report.
import { GST_INSPECT, runInspect } from '../gst/inspect/inspect.js';
import { findOnPath, gstreamerMissing, GST_CORE_PACKAGES } from '../gst/tools.js';
import type { Check } from './types.js';

export const GST_TOOLS = ['gst-launch-1.0', 'gst-inspect-1.0', 'gst-discoverer-1.0'] as const;
/** Without these two nothing runs: doctor exits 3. */
export const ESSENTIAL_TOOLS = ['gst-launch-1.0', 'gst-inspect-1.0'] as const;

export type ToolPaths = Record<(typeof GST_TOOLS)[number], string | null>;

export function locateTools(env: NodeJS.ProcessEnv): ToolPaths {
  return Object.fromEntries(GST_TOOLS.map((t) => [t, findOnPath(t, env) ?? null])) as ToolPaths;
}

export const gstInstalled = (tools: ToolPaths): boolean => ESSENTIAL_TOOLS.every((t) => tools[t] !== null);

// "GStreamer 1.22.0" from `gst-inspect-1.0 --version` (its first line names the tool, the second the library).
export function parseGstVersion(text: string): string | undefined {
  return /^GStreamer (\d+\.\d+\.\d+(?:\.\d+)?)/m.exec(text)?.[1];
}

export interface VersionFact { version: string | undefined; stderr: string }

export async function gstVersion(env: NodeJS.ProcessEnv): Promise<VersionFact> {
  const out = await runInspect(['--version'], { env, timeoutMs: 15_000 });
  return { version: parseGstVersion(out.stdout), stderr: out.stderr.trim() };
}

export interface ToolsFacts {
  tools: ToolPaths;
  version: string | undefined;
  /** Set when gst-inspect-1.0 is there but cannot list the registry. */
  listingError?: string | undefined;
  listingStderr?: string | undefined;
}

// The first line of the report: are the tools there, which version, and the apt line when not.
export function toolsCheck(facts: ToolsFacts): Check {
  const base = { id: 'gstreamer', group: 'gstreamer' as const, title: 'GStreamer' };
  const details = GST_TOOLS.map((t) => (facts.tools[t] ? `✓ ${t} (${facts.tools[t]})` : `✗ ${t} not on PATH`));
  const absent = ESSENTIAL_TOOLS.find((t) => facts.tools[t] === null);
  if (absent) {
    const error = gstreamerMissing(absent);
    return { ...base, details, verdict: 'fail', summary: error.message, fix: error.fix };
  }
  const version = facts.version ? `GStreamer ${facts.version}` : 'GStreamer (version unknown)';
  if (facts.listingError) {
    return {
      ...base, details, verdict: 'fail', summary: `${version}: ${GST_INSPECT} cannot list plugins: ${facts.listingError}`,
      fix: `apt-get install --reinstall -y ${GST_CORE_PACKAGES.join(' ')}   (then: rm -rf ~/.cache/gstreamer-1.0)`,
      stderr: facts.listingStderr,
    };
  }
  const present = GST_TOOLS.filter((t) => facts.tools[t]);
  if (!facts.tools['gst-discoverer-1.0']) {
    return {
      ...base, details, verdict: 'warn', summary: `${version}: gst-discoverer-1.0 is missing (input probing)`,
      fix: 'apt-get install -y gstreamer1.0-plugins-base-apps',
    };
  }
  return { ...base, details, verdict: 'ok', summary: `${version}: ${present.join(', ')}` };
}
