// Is DeepStream usable here? Enabled, installed (version file), its elements visible to gst-inspect
// with its plugin folder on the path, and an NVIDIA GPU with a driver. `deepstream status` and doctor share it.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gstChildEnv, readEnv } from '../../config/env.js';
import { listBlacklisted, listFeatures } from '../../gst/inspect/inspect.js';
import { findOnPath, GST_INSTALL_LINE } from '../../gst/tools.js';
import { probeGpu, type GpuInfo } from './gpu.js';

export type { GpuInfo } from './gpu.js';

/** What inference cannot run without. */
export const DEEPSTREAM_REQUIRED_ELEMENTS = ['nvstreammux', 'nvinfer', 'nvvideoconvert', 'nvdsosd'] as const;
/** Reported as present or not; each is needed only by some options. */
export const DEEPSTREAM_OPTIONAL_ELEMENTS: Record<string, string> = {
  nvtracker: '--tracker',
  nvmultistreamtiler: 'several inputs',
  nvv4l2decoder: 'H.264/H.265 elementary-stream inputs',
  nvv4l2h264enc: '--output and --rtsp-port',
  nvmsgconv: '--broker',
  nvmsgbroker: '--broker',
};

export interface DeepstreamCheck {
  /** DEEPSTREAM_ENABLED, deepstream-path, version, gst-inspect-1.0, an element name, or gpu. */
  name: string;
  /** Does not stand in the way (an optional element may be ok and not found). */
  ok: boolean;
  found: boolean;
  /** false: only some options need it. */
  required: boolean;
  /** What was found (a version, a path, a GPU). */
  detail?: string;
  reason?: string;
  fix?: string;
}

export interface DeepstreamStatus {
  available: boolean;
  /** DEEPSTREAM_ENABLED (unset reads as false). */
  enabled: boolean;
  /** From <path>/version ("Version: 7.1"); null when unknown. */
  version: string | null;
  /** NVIDIA_DEEPSTREAM_PATH, default /opt/nvidia/deepstream/deepstream. */
  path: string;
  /** <path>/lib/gst-plugins, put first on the plugin path of every GStreamer child. */
  pluginPath: string;
  checks: DeepstreamCheck[];
  gpu?: GpuInfo;
  /** The reason of every failed check, in order (empty when available). */
  reasons: string[];
}

export interface DeepstreamStatusOptions {
  /** The process environment to judge (DEEPSTREAM_ENABLED, NVIDIA_DEEPSTREAM_PATH, PATH, …); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per child process (gst-inspect-1.0, nvidia-smi). */
  timeoutMs?: number;
  /** Jetson's L4T release file (tests point it elsewhere); default /etc/nv_tegra_release. */
  tegraReleaseFile?: string;
}

const ENABLE_FIX = 'export DEEPSTREAM_ENABLED=true';

// The answer, never a throw for a missing part; an invalid DEEPSTREAM_ENABLED value is a UsageError (exit 2).
export async function deepstreamStatus(options: DeepstreamStatusOptions = {}): Promise<DeepstreamStatus> {
  const env = options.env ?? process.env;
  const config = readEnv(env);
  const path = config.deepstreamPath;
  const pluginPath = join(path, 'lib', 'gst-plugins');
  // A plugin folder that is not there changes nothing but the inspect cache key: leave it out, so
  // doctor's one gst-inspect-1.0 listing serves here too.
  const childEnv = gstChildEnv(config, { extraPluginPaths: isDirectory(pluginPath) ? [pluginPath] : [] }, env);

  const enabled = config.deepstreamEnabled === true;
  const checks: DeepstreamCheck[] = [enabledCheck(config.deepstreamEnabled)];
  const installed = isDirectory(path);
  checks.push(installed
    ? { name: 'deepstream-path', ok: true, found: true, required: true, detail: path }
    : { name: 'deepstream-path', ok: false, found: false, required: true, reason: `${path} does not exist`, fix: installFix(path) });
  const version = installed ? readVersion(path) : { value: null, reason: 'version unknown (no DeepStream folder)' };
  checks.push(version.value
    ? { name: 'version', ok: true, found: true, required: true, detail: version.value }
    : { name: 'version', ok: false, found: false, required: true, reason: version.reason, fix: installFix(path) });
  checks.push(...(await elementChecks(childEnv, path, pluginPath, installed, options.timeoutMs)));
  const gpu = await probeGpu(childEnv, { timeoutMs: options.timeoutMs, tegraReleaseFile: options.tegraReleaseFile });
  checks.push(gpu.found
    ? { name: 'gpu', ok: true, found: true, required: true, detail: gpuDetail(gpu.gpu) }
    : { name: 'gpu', ok: false, found: false, required: true, reason: gpu.reason, fix: gpu.fix });

  const reasons = summarize(checks, pluginPath);
  return {
    available: enabled && checks.every((c) => c.ok),
    enabled,
    version: version.value,
    path,
    pluginPath,
    checks,
    ...(gpu.found ? { gpu: gpu.gpu } : {}),
    reasons,
  };
}

// Failed checks' reasons in order, the missing required elements on one line.
function summarize(checks: DeepstreamCheck[], pluginPath: string): string[] {
  const isElement = (c: DeepstreamCheck) => (DEEPSTREAM_REQUIRED_ELEMENTS as readonly string[]).includes(c.name);
  const missing = checks.filter((c) => !c.ok && isElement(c)).map((c) => c.name);
  const reasons: string[] = [];
  for (const c of checks) {
    if (c.ok || !c.reason) continue;
    if (!isElement(c)) reasons.push(c.reason);
    else if (c.name === missing[0]) reasons.push(`${missing.join(', ')} not found: is ${pluginPath} on GSTREAMER_PLUGINS_PATH?`);
  }
  return reasons;
}

function enabledCheck(value: boolean | undefined): DeepstreamCheck {
  if (value === true) return { name: 'DEEPSTREAM_ENABLED', ok: true, found: true, required: true, detail: 'true' };
  const reason = value === undefined ? 'DEEPSTREAM_ENABLED is not set' : 'DEEPSTREAM_ENABLED is false';
  return { name: 'DEEPSTREAM_ENABLED', ok: false, found: value !== undefined, required: true, reason, fix: ENABLE_FIX };
}

// "Version: 7.1" (the file DeepStream installs at its root).
export function parseVersionFile(text: string): string | null {
  return /^\s*Version\s*:\s*(\d+(?:\.\d+)*)/m.exec(text)?.[1] ?? null;
}

function readVersion(path: string): { value: string; reason?: undefined } | { value: null; reason: string } {
  const file = join(path, 'version');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { value: null, reason: `no version file at ${file}` };
  }
  const value = parseVersionFile(text);
  return value ? { value } : { value: null, reason: `${file} has no "Version: X.Y" line` };
}

async function elementChecks(env: NodeJS.ProcessEnv, path: string, pluginPath: string, installed: boolean, timeoutMs?: number): Promise<DeepstreamCheck[]> {
  const all = [...DEEPSTREAM_REQUIRED_ELEMENTS, ...Object.keys(DEEPSTREAM_OPTIONAL_ELEMENTS)];
  const inspect = findOnPath('gst-inspect-1.0', env);
  if (!inspect) {
    const missing = { name: 'gst-inspect-1.0', ok: false, found: false, required: true, reason: 'GStreamer is not installed (gst-inspect-1.0 is not on PATH)', fix: `apt-get update && ${GST_INSTALL_LINE}` };
    return [missing, ...all.map((name) => elementCheck(name, false, 'gst-inspect-1.0 is missing', undefined))];
  }
  let names: Set<string>;
  try {
    const listing = await listFeatures({ env, timeoutMs });
    names = new Set(listing.features.filter((f) => f.kind === 'element').map((f) => f.name));
  } catch (error) {
    const reason = `gst-inspect-1.0 failed: ${error instanceof Error ? error.message : String(error)}`;
    return [{ name: 'gst-inspect-1.0', ok: false, found: true, required: true, detail: inspect, reason, fix: 'Run gst-inspect-1.0 by hand to see why.' },
      ...all.map((name) => elementCheck(name, false, reason, undefined))];
  }
  const anyMissing = DEEPSTREAM_REQUIRED_ELEMENTS.some((e) => !names.has(e));
  const hint = anyMissing && installed ? await blacklistHint(env, pluginPath, timeoutMs) : undefined;
  const fix = !installed
    ? installFix(path)
    : `export GSTREAMER_PLUGINS_PATH=${pluginPath}${hint ? `; ${hint}` : ''}`;
  return [{ name: 'gst-inspect-1.0', ok: true, found: true, required: true, detail: inspect },
    ...all.map((name) => elementCheck(name, names.has(name), `${name} not found: is ${pluginPath} on GSTREAMER_PLUGINS_PATH?`, fix))];
}

function elementCheck(name: string, found: boolean, reason: string, fix: string | undefined): DeepstreamCheck {
  const neededBy = DEEPSTREAM_OPTIONAL_ELEMENTS[name];
  const required = neededBy === undefined;
  if (found) return { name, ok: true, found: true, required };
  const why = required ? reason : `${reason} (optional: needed for ${neededBy})`;
  return { name, ok: !required, found: false, required, reason: why, ...(fix ? { fix } : {}) };
}

// Installed but not listed usually means the plugin failed to load (CUDA/TensorRT libraries missing).
async function blacklistHint(env: NodeJS.ProcessEnv, pluginPath: string, timeoutMs?: number): Promise<string | undefined> {
  try {
    const failed = (await listBlacklisted({ env, timeoutMs })).filter((f) => f.startsWith(pluginPath) || /nvds|nvv4l2|nvvideo/.test(f));
    if (failed.length === 0) return undefined;
    return `these DeepStream plugins failed to load (blacklisted): ${failed.join(', ')}: check their libraries with ldd, then delete ~/.cache/gstreamer-1.0/registry.*.bin`;
  } catch {
    return undefined;
  }
}

function installFix(path: string): string {
  return `Install the NVIDIA DeepStream SDK (https://developer.nvidia.com/deepstream-sdk), or export NVIDIA_DEEPSTREAM_PATH=<its folder> (now ${path}).`;
}

function gpuDetail(gpu: GpuInfo): string {
  return `${gpu.name}, driver ${gpu.driver}${gpu.cuda ? `, CUDA ${gpu.cuda}` : ''}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
