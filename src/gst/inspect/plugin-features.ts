// The feature list of `gst-inspect-1.0 PLUGIN` (the plugin details above it are parsed by the caller).
import type { PluginDetails, PluginInfo } from './schema.js';

// After the details: "  feature: description" lines, then "  N features:" and "  +-- n kind" lines.
export function parsePluginOnly(name: string, plugin: PluginDetails, lines: string[]): PluginInfo {
  const info: PluginInfo = { kind: 'plugin', name, plugin, features: [], featureCounts: {} };
  let afterDetails = false;
  for (const line of lines) {
    if (line.trim() === '') { afterDetails = true; continue; }
    if (!afterDetails) continue;
    const total = /^ {2}(\d+) features?:$/.exec(line);
    const count = /^ {2}\+-- (\d+) (.+)$/.exec(line);
    const feature = /^ {2}(\S+?)(?:: (.*)| \((\w+)\))$/.exec(line);
    if (total) info.totalFeatures = Number(total[1]);
    else if (count) info.featureCounts[countKind(count[2]!)] = Number(count[1]);
    else if (feature) info.features.push({ name: feature[1]!, description: feature[2] ?? feature[3] ?? '' });
  }
  return info;
}

const COUNT_KINDS: Record<string, string> = {
  elements: 'element', typefinders: 'typefind', tracers: 'tracer', 'device providers': 'device-provider', 'other objects': 'other',
};
const countKind = (label: string): string => COUNT_KINDS[label] ?? label;
