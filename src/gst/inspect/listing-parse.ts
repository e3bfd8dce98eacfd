// Parses `gst-inspect-1.0` (no arguments) and `gst-inspect-1.0 -b` output. Pure: text in, records out.
import type { Feature, FeatureKind, Listing } from './schema.js';

// gst-inspect.c prints three shapes: "plugin:  element: long name" (two spaces),
// "plugin: typefind: ext, ext" (one space) and "plugin:  name (GstTracerFactory)".
const ELEMENT = /^([^:\s]+):  (\S+): ?(.*)$/;
const TYPEFIND = /^([^:\s]+): (\S+): ?(.*)$/;
const OTHER = /^([^:\s]+):  (\S+) \((\w+)\)$/;
const TOTAL = /^Total count: (\d+) plugins?(?: \((\d+) blacklist entr(?:y|ies) not shown\))?, (\d+) features?$/;

const FACTORY_KINDS: Record<string, FeatureKind> = {
  GstTracerFactory: 'tracer',
  GstDeviceProviderFactory: 'device-provider',
  GstDynamicTypeFactory: 'dynamic-type',
  GstElementFactory: 'element',
  GstTypeFindFactory: 'typefind',
};

// One listing line to a feature, or undefined for anything else.
export function parseFeatureLine(line: string): Feature | undefined {
  let m = ELEMENT.exec(line);
  if (m) return { plugin: m[1]!, name: m[2]!, kind: 'element', description: m[3]! };
  m = OTHER.exec(line);
  if (m) return { plugin: m[1]!, name: m[2]!, kind: FACTORY_KINDS[m[3]!] ?? 'other', description: m[3]!, factoryType: m[3]! };
  m = TYPEFIND.exec(line);
  if (m) return { plugin: m[1]!, name: m[2]!, kind: 'typefind', description: m[3]!, extensions: splitExtensions(m[3]!) };
  return undefined;
}

export function splitExtensions(text: string): string[] {
  if (text === 'no extensions' || text.trim() === '') return [];
  return text.split(', ').map((e) => e.trim()).filter(Boolean);
}

export function parseTotals(line: string): Listing['totals'] {
  const m = TOTAL.exec(line.trim());
  if (!m) return null;
  return { plugins: Number(m[1]), blacklisted: Number(m[2] ?? 0), features: Number(m[3]) };
}

// The whole listing; plugins with no feature and blacklisted ones are only counted by gst-inspect.
export function parseListing(text: string): Listing {
  const features: Feature[] = [];
  const unparsed: string[] = [];
  let totals: Listing['totals'] = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const feature = parseFeatureLine(line);
    if (feature) features.push(feature);
    else if (line.startsWith('Total count:')) totals = parseTotals(line) ?? totals;
    else unparsed.push(line);
  }
  const plugins = [...new Set(features.map((f) => f.plugin))].sort();
  const featureless = totals ? totals.plugins - totals.blacklisted - plugins.length : 0;
  const consistent = totals !== null && totals.features === features.length && featureless >= 0;
  return { features, plugins, totals, featurelessPlugins: Math.max(0, featureless), consistent, unparsed };
}

// `gst-inspect-1.0 -b`: the file names of blacklisted plugins.
export function parseBlacklist(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^ {2}(\S.*)$/.exec(line);
    if (m) names.push(m[1]!.trim());
  }
  return names;
}
