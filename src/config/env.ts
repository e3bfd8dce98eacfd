// The environment variables we read (the README's Environment section), validated once.
// zod is loaded only when one of them is set: most runs set none, and loading zod costs ~50 ms
// of start-up on every command (bench/).
import { createRequire } from 'node:module';
import type { z as Z } from 'zod';
import { UsageError } from '../errors.js';

export const ENV_VARS = ['GSTREAMER_PLUGINS_PATH', 'GSTREAMER_DEBUG', 'DEEPSTREAM_ENABLED', 'NVIDIA_DEEPSTREAM_PATH'] as const;

const booleanWords: Record<string, boolean> = {
  true: true, '1': true, yes: true, on: true,
  false: false, '0': false, no: false, off: false,
};

let schemaMemo: ReturnType<typeof makeSchema> | undefined;

// The zod schema of our variables (built on first use).
export function envSchema() {
  schemaMemo ??= makeSchema((createRequire(import.meta.url)('zod') as { z: typeof Z }).z);
  return schemaMemo;
}

function makeSchema(z: typeof Z) {
  const envBoolean = z.string().transform((value, ctx) => {
    const parsed = booleanWords[value.trim().toLowerCase()];
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be true/false/1/0/yes/no, got "${value}"` });
      return z.NEVER;
    }
    return parsed;
  });
  const debugLevel = z.string().regex(/^[0-5]$/, 'must be a number from 0 to 5').transform(Number);
  return z.object({
    GSTREAMER_PLUGINS_PATH: z.string().min(1).optional(),
    GSTREAMER_DEBUG: debugLevel.optional(),
    DEEPSTREAM_ENABLED: envBoolean.optional(),
    NVIDIA_DEEPSTREAM_PATH: z.string().min(1).optional(),
  });
}

export interface LydlrEnv {
  pluginsPath: string | undefined;
  debugLevel: number | undefined;
  deepstreamEnabled: boolean | undefined;
  deepstreamPath: string;
}

export const DEFAULT_DEEPSTREAM_PATH = '/opt/nvidia/deepstream/deepstream';

// Reads and validates our variables; an invalid value is a usage error (exit 2).
export function readEnv(env: NodeJS.ProcessEnv = process.env): LydlrEnv {
  const set = ENV_VARS.filter((key) => env[key] !== undefined && env[key] !== '');
  if (set.length === 0) return { pluginsPath: undefined, debugLevel: undefined, deepstreamEnabled: undefined, deepstreamPath: DEFAULT_DEEPSTREAM_PATH };
  const parsed = envSchema().safeParse(Object.fromEntries(set.map((key) => [key, env[key]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new UsageError(`Environment variable ${name} ${issue.message}.`, {
      fix: fixFor(name),
      data: { variable: name },
    });
  }
  const v = parsed.data;
  return {
    pluginsPath: v.GSTREAMER_PLUGINS_PATH,
    debugLevel: v.GSTREAMER_DEBUG,
    deepstreamEnabled: v.DEEPSTREAM_ENABLED,
    deepstreamPath: v.NVIDIA_DEEPSTREAM_PATH ?? DEFAULT_DEEPSTREAM_PATH,
  };
}

function fixFor(name: string): string {
  switch (name) {
    case 'GSTREAMER_DEBUG':
      return 'export GSTREAMER_DEBUG=2   (0 = none … 5 = debug), or unset it';
    case 'DEEPSTREAM_ENABLED':
      return 'export DEEPSTREAM_ENABLED=true   (or false)';
    default:
      return `unset ${name} or give it a valid value`;
  }
}

export interface ChildEnvOptions {
  /** --gst-debug from the command line wins over GSTREAMER_DEBUG. */
  gstDebug?: number | undefined;
  /** Extra plugin folders to put first (DeepStream's lib/gst-plugins). */
  extraPluginPaths?: string[];
}

// The environment every GStreamer child gets: untranslated messages, our plugin path and debug level.
export function gstChildEnv(config: LydlrEnv, options: ChildEnvOptions = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1' };
  const pluginPaths = [...(options.extraPluginPaths ?? []), config.pluginsPath, base.GST_PLUGIN_PATH].filter(
    (p): p is string => Boolean(p),
  );
  if (pluginPaths.length > 0) env.GST_PLUGIN_PATH = pluginPaths.join(':');
  const debug = options.gstDebug ?? config.debugLevel;
  if (debug !== undefined) env.GST_DEBUG = String(debug);
  return env;
}
