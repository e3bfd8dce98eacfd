// Everything the doctor looks at, gathered at once: one gst-inspect-1.0 listing, its version, one
// Python import check and the DeepStream status run side by side; the rest is read from files.
import { gstChildEnv } from '../config/env.js';
import { listFeatures } from '../gst/inspect/inspect.js';
import type { Listing } from '../gst/inspect/schema.js';
import { checkPythonBindings, type PythonCheck } from '../server/python.js';
import { deepstreamStatus, type DeepstreamStatus } from '../jobs/deepstream/status.js';
import { inspectEnv, type EnvFacts } from './env-check.js';
import { gstInstalled, gstVersion, locateTools, type ToolPaths } from './gst-tools.js';
import { needsDeepstream, pythonNamespaces } from './job-needs.js';
import { systemInfo, type SystemInfo } from './system-info.js';
import type { HealthCommand } from './types.js';

export interface HealthOptions {
  /** The process environment to judge (PATH, GST_*, our variables); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Check only what one command needs. */
  for?: HealthCommand;
  /** --gst-debug for the GStreamer children. */
  gstDebug?: number;
  /** Where /etc, /proc, /sys and /dev are (tests); default "/". */
  systemRoot?: string;
}

export interface HealthFacts {
  env: EnvFacts;
  tools: ToolPaths;
  installed: boolean;
  version: string | undefined;
  listing: Listing | undefined;
  listingError: string | undefined;
  python: PythonCheck | undefined;
  deepstream: DeepstreamStatus | undefined;
  /** Set when the DeepStream status itself could not be worked out. */
  deepstreamError?: string | undefined;
  system: SystemInfo;
}

export async function gatherFacts(options: HealthOptions, commands: HealthCommand[]): Promise<HealthFacts> {
  const env = inspectEnv(options.env ?? process.env);
  const childEnv = gstChildEnv(env.config, { gstDebug: options.gstDebug }, env.cleaned);
  const tools = locateTools(childEnv);
  const installed = gstInstalled(tools);
  const namespaces = pythonNamespaces(commands);
  const [listing, version, python, deepstream] = await Promise.all([
    installed ? settle(listFeatures({ env: childEnv })) : undefined,
    installed ? settle(gstVersion(childEnv)) : undefined,
    namespaces.length > 0 ? checkPythonBindings(namespaces, env.cleaned) : undefined,
    commands.some(needsDeepstream) ? settle(deepstreamStatus({ env: env.cleaned })) : undefined,
  ]);
  return {
    env, tools, installed,
    version: version?.value?.version,
    listing: listing?.value,
    listingError: listing?.error,
    python,
    deepstream: deepstream?.value,
    deepstreamError: deepstream?.error,
    system: systemInfo(options.systemRoot),
  };
}

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
