// Plugins with their features, from the one cached listing; filters for `plugins --search/--type`.
// The totals are gst-inspect's own `Total count:` line, and the listed plugins account for it exactly.
import { listFeatures, type InspectOptions } from './inspect.js';
import type { Feature, FeatureKind, Listing } from './schema.js';

export interface PluginEntry {
  name: string;
  features: Feature[];
  counts: Partial<Record<FeatureKind, number>>;
}

export interface PluginFilter {
  /** Case-insensitive text in a feature's name, its description or its plugin's name. */
  search?: string | undefined;
  type?: FeatureKind | undefined;
}

export interface PluginList {
  /** gst-inspect-1.0's `Total count:` line (null when it printed none). */
  totals: Listing['totals'];
  /** listed + featureless + blacklisted = totals.plugins. */
  accounting: { listed: number; featureless: number; blacklisted: number };
  consistent: boolean;
  filter: PluginFilter;
  /** Plugins with at least one matching feature, sorted by name. */
  plugins: PluginEntry[];
  /** Matching features; each names its plugin. */
  features: Feature[];
}

export async function listPlugins(filter: PluginFilter = {}, options: InspectOptions = {}): Promise<PluginList> {
  return filterListing(await listFeatures(options), filter);
}

export function filterListing(listing: Listing, filter: PluginFilter): PluginList {
  const text = filter.search?.trim().toLowerCase();
  const features = listing.features.filter((f) =>
    (!filter.type || f.kind === filter.type)
    && (!text || f.name.toLowerCase().includes(text) || f.plugin.toLowerCase().includes(text) || f.description.toLowerCase().includes(text)));
  const byPlugin = new Map<string, PluginEntry>();
  for (const f of features) {
    let entry = byPlugin.get(f.plugin);
    if (!entry) byPlugin.set(f.plugin, (entry = { name: f.plugin, features: [], counts: {} }));
    entry.features.push(f);
    entry.counts[f.kind] = (entry.counts[f.kind] ?? 0) + 1;
  }
  return {
    totals: listing.totals,
    accounting: { listed: listing.plugins.length, featureless: listing.featurelessPlugins, blacklisted: listing.totals?.blacklisted ?? 0 },
    consistent: listing.consistent,
    filter,
    plugins: [...byPlugin.values()].sort((a, b) => a.name.localeCompare(b.name)),
    features,
  };
}

// The `plugins --json` record: each plugin with its counts and feature names, and the matching features.
export function pluginListData(list: PluginList) {
  return {
    totals: list.totals,
    accounting: list.accounting,
    consistent: list.consistent,
    filter: list.filter,
    plugins: list.plugins.map((p) => ({ name: p.name, counts: p.counts, features: p.features.map((f) => f.name) })),
    features: list.features,
  };
}
