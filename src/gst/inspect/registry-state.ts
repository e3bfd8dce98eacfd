// A fingerprint of what gst-inspect-1.0's answers depend on: the tool itself, the variables that
// choose the plugins and the registry, the registry file, and the plugin folders. GStreamer rewrites
// its registry when a plugin changes, and installing or removing a plugin changes its folder's mtime,
// so an answer recorded under the same fingerprint is still the tool's answer. Only stat calls.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { statOrUndefined } from '../../process/stat-or-undefined.js';

const VARIABLES = ['GST_PLUGIN_PATH', 'GST_PLUGIN_PATH_1_0', 'GST_PLUGIN_SYSTEM_PATH', 'GST_PLUGIN_SYSTEM_PATH_1_0', 'GST_REGISTRY', 'GST_REGISTRY_1_0'];
const TRIPLETS: Record<string, string> = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', arm: 'arm-linux-gnueabihf' };

// Most of the folders looked at do not exist (a dozen per answer asked).
const stamp = (path: string): string => {
  const s = statOrUndefined(path);
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : '-';
};

const cacheHome = (env: NodeJS.ProcessEnv): string => env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');

// The registry files GStreamer would read: the one named by the environment, else the per-user ones.
function registryFiles(env: NodeJS.ProcessEnv): string[] {
  const named = env.GST_REGISTRY_1_0 || env.GST_REGISTRY;
  if (named) return [named];
  const dir = join(cacheHome(env), 'gstreamer-1.0');
  try {
    return readdirSync(dir).filter((f) => /^registry\..*\.bin$/.test(f)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function pluginFolders(env: NodeJS.ProcessEnv): string[] {
  const split = (v: string | undefined) => (v ?? '').split(delimiter).filter(Boolean);
  const system = env.GST_PLUGIN_SYSTEM_PATH_1_0 ?? env.GST_PLUGIN_SYSTEM_PATH;
  const triplet = TRIPLETS[process.arch] ?? '';
  const defaults = [join(env.HOME || homedir(), '.local/share/gstreamer-1.0/plugins'), `/usr/lib/${triplet}/gstreamer-1.0`, '/usr/lib/gstreamer-1.0',
    '/usr/lib64/gstreamer-1.0', `/usr/local/lib/${triplet}/gstreamer-1.0`, '/usr/local/lib/gstreamer-1.0'];
  const folders = [...split(env.GST_PLUGIN_PATH_1_0), ...split(env.GST_PLUGIN_PATH), ...(system !== undefined ? split(system) : defaults)];
  // gst-python loads elements from a python/ folder beside the plugins.
  return folders.flatMap((f) => [f, join(f, 'python')]);
}

/** undefined when there is no registry file yet: the next GStreamer run writes one, so nothing is recorded. */
export function registryState(tool: string, env: NodeJS.ProcessEnv): string | undefined {
  const registries = registryFiles(env);
  if (!registries.some((r) => stamp(r) !== '-')) return undefined;
  const parts = [tool, stamp(tool), ...VARIABLES.map((k) => `${k}=${env[k] ?? ''}`), ...registries.map((r) => `${r}@${stamp(r)}`), ...pluginFolders(env).map((f) => `${f}@${stamp(f)}`)];
  return parts.join('\n');
}

/** Where answer-cache.ts keeps its answers: a folder per fingerprint. */
export const answerCacheFolder = (env: NodeJS.ProcessEnv): string => join(cacheHome(env), 'lydlr-gst', 'inspect');
