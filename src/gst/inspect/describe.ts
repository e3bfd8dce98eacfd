// `gst-inspect-1.0 NAME` as a library call that says clearly what went wrong: an unknown name is a
// usage error with "did you mean", a known element that is not installed names its Debian package.
import { EnvironmentError, UsageError, type LydlrError } from '../../errors.js';
import { describe, type InspectOptions } from './inspect.js';
import type { DescribeResult, ElementInfo, NotFound } from './schema.js';
import { packageForElement } from './element-packages.js';
import { packageForPlugin } from './installed-packages.js';

// Any name gst-inspect knows: element, plugin, typefinder or tracer; "not-found" carries suggestions.
export function inspect(name: string, options: InspectOptions = {}): Promise<DescribeResult> {
  return describe(name, options);
}

// An element's full record, or a typed error (exit 2 unknown, 3 not installed).
export async function describeElement(name: string, options: InspectOptions = {}): Promise<ElementInfo> {
  const result = await describe(name, options);
  if (result.kind === 'element') return result;
  if (result.kind === 'not-found') throw notFoundError(result);
  throw new UsageError(`"${name}" is a ${result.kind}, not an element.`, { fix: `lydlr-gst plugins show ${name}`, data: { query: name, kind: result.kind } });
}

// The `plugins show NAME --json` record: what gst-inspect says, plus the Debian package of its plugin;
// an unknown or uninstalled name throws notFoundError (exit 2 or 3).
export async function pluginDetails(name: string, options: InspectOptions = {}): Promise<Exclude<DescribeResult, NotFound> & { package?: string }> {
  const info = await describe(name, options);
  if (info.kind === 'not-found') throw notFoundError(info);
  const plugin = info.kind === 'plugin' ? info.plugin : info.plugin ?? undefined;
  const pkg = plugin ? packageForPlugin(plugin) : undefined;
  return { ...info, ...(pkg ? { package: pkg } : {}) };
}

export function notFoundError(result: NotFound): LydlrError {
  const { name, suggestions } = result;
  const didYouMean = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
  const data = { query: name, suggestions };
  if (result.feature) {
    return new UsageError(`"${name}" is a ${result.feature.kind} of plugin ${result.feature.plugin}; gst-inspect-1.0 cannot describe it.`, { fix: `lydlr-gst plugins show ${result.feature.plugin}`, data });
  }
  const pkg = packageForElement(name);
  if (pkg) {
    const fix = pkg.startsWith('gstreamer1.0-') ? `apt-get install -y ${pkg}` : `install the ${pkg}`;
    return new EnvironmentError(`"${name}" is not installed (it comes from ${pkg}).${didYouMean}`, { fix, data: { ...data, package: pkg } });
  }
  return new UsageError(`No element or plugin named "${name}".${didYouMean}`, {
    fix: suggestions[0] ? `lydlr-gst plugins show ${suggestions[0]}` : 'lydlr-gst plugins --search <text>',
    data,
  });
}
