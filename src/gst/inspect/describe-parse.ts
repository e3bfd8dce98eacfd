// Parses `gst-inspect-1.0 NAME` (an element, a plugin, a typefinder or a tracer) into a typed record.
import { splitExtensions } from './listing-parse.js';
import { parsePads, parsePadTemplates } from './pads.js';
import { parsePluginOnly } from './plugin-features.js';
import { parseProperties } from './properties.js';
import type { DescribeResult, ElementInfo, FactoryDetails, PluginDetails } from './schema.js';

type Sections = Map<string, string[]>;

// A heading is any line that starts at column 0; everything indented below it is its body.
const HEADINGS: [RegExp, string][] = [
  [/^Factory Details:/, 'factory'],
  [/^Plugin Details:/, 'plugin'],
  [/^GObject$/, 'hierarchy'],
  [/^Implemented Interfaces:/, 'interfaces'],
  [/^Pad Templates:/, 'padTemplates'],
  [/^Element has no clocking capabilities\./, 'noClock'],
  [/^Clocking Interaction:/, 'clocking'],
  [/^Element has no URI handling capabilities\./, 'noUri'],
  [/^URI handling capabilities:/, 'uri'],
  [/^Pads:/, 'pads'],
  [/^Element Properties:/, 'properties'],
  [/^Element Signals:/, 'signals'],
  [/^Element Actions:/, 'actions'],
  [/^Children:/, 'children'],
  [/^Presets:/, 'presets'],
];

export function splitSections(text: string): Sections {
  const sections: Sections = new Map();
  let body: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line !== '' && !/^\s/.test(line)) {
      const key = HEADINGS.find(([re]) => re.test(line))?.[1] ?? `other:${line}`;
      body = key === 'hierarchy' ? [line] : [];
      sections.set(key, body);
    } else body?.push(line);
  }
  return sections;
}

// "  Key                      value": the key is padded to 25 columns, and may itself hold spaces.
export function parseKeyValues(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const m = /^ {2}(\S(?:.{0,23}\S)?)\s{2,}(.*)$/.exec(line) ?? /^ {2}(\S+) (.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trimEnd();
  }
  return out;
}

export function parseRank(text: string | undefined): { name: string; value: number } | undefined {
  const m = text ? /^(.*?) \((-?\d+)\)$/.exec(text.trim()) : null;
  return m ? { name: m[1]!, value: Number(m[2]) } : undefined;
}

// Only the lines before the first blank one: a plugin's own output lists its features after it.
export function parsePluginDetails(lines: string[]): PluginDetails {
  const end = lines.findIndex((l) => l.trim() === '');
  const f = parseKeyValues(end === -1 ? lines : lines.slice(0, end));
  return {
    name: f.Name ?? '', description: f.Description, filename: f.Filename, version: f.Version, license: f.License,
    sourceModule: f['Source module'], documentation: f.Documentation, releaseDate: f['Source release date'],
    binaryPackage: f['Binary package'], originUrl: f['Origin URL'], fields: f,
  };
}

function parseFactory(lines: string[]): FactoryDetails {
  const f = parseKeyValues(lines);
  return {
    rank: parseRank(f.Rank), longName: f['Long-name'], klass: f.Klass, description: f.Description,
    author: f.Author, documentation: f.Documentation, fields: f,
  };
}

const body = (s: Sections, key: string): string[] => s.get(key) ?? [];
const items = (lines: string[], indent = 2): string[] =>
  lines.filter((l) => new RegExp(`^ {${indent}}\\S`).test(l)).map((l) => l.trim());

// The whole output; the kind comes from which sections are present.
export function parseDescribe(name: string, text: string): DescribeResult {
  const s = splitSections(text);
  const plugin = s.has('plugin') ? parsePluginDetails(body(s, 'plugin')) : null;
  if (!s.has('factory') && plugin) return parsePluginOnly(name, plugin, body(s, 'plugin'));
  const factory = parseFactory(body(s, 'factory'));
  if (factory.fields.Extensions !== undefined || (factory.fields.Caps !== undefined && !s.has('padTemplates'))) {
    const caps = (factory.fields.Caps ?? '').split(';').map((c) => c.trim()).filter(Boolean);
    return { kind: 'typefind', name, rank: factory.rank, caps, extensions: splitExtensions(factory.fields.Extensions ?? ''), plugin };
  }
  const hierarchy = parseHierarchy(body(s, 'hierarchy'));
  if (!s.has('padTemplates') && !s.has('properties') && hierarchy.includes('GstTracer')) {
    return { kind: 'tracer', name, plugin, hierarchy };
  }
  return parseElement(name, s, factory, plugin, hierarchy);
}

function parseElement(name: string, s: Sections, factory: FactoryDetails, plugin: PluginDetails | null, hierarchy: string[]): ElementInfo {
  const clockNotes = items(body(s, 'clocking'));
  return {
    kind: 'element', name, factory, plugin, hierarchy,
    interfaces: items(body(s, 'interfaces')),
    padTemplates: parsePadTemplates(body(s, 'padTemplates')),
    clocking: {
      requiresClock: clockNotes.some((n) => n.includes('requires a clock')),
      providesClock: clockNotes.some((n) => n.includes('provide')),
      notes: clockNotes,
    },
    uriHandler: s.has('uri') ? parseUri(body(s, 'uri')) : null,
    pads: parsePads(body(s, 'pads')),
    properties: parseProperties(body(s, 'properties'), 2),
    signals: parseSignalNames(body(s, 'signals')),
    actions: parseSignalNames(body(s, 'actions')),
    children: items(body(s, 'children')),
    presets: items(body(s, 'presets')).map(parsePreset),
  };
}

export function parseHierarchy(lines: string[]): string[] {
  return lines.map((l) => l.replace(/^[\s+-]*/, '').trim()).filter((l) => /^\w+$/.test(l));
}

function parseUri(lines: string[]): ElementInfo['uriHandler'] {
  const act = lines.map((l) => /Element can act as (\w+)\./.exec(l)?.[1]).find(Boolean);
  return { type: act ?? 'unknown', protocols: items(lines, 4) };
}

export function parseSignalNames(lines: string[]): string[] {
  return lines.map((l) => /^ {2}"([^"]+)"/.exec(l)?.[1]).filter((n): n is string => n !== undefined);
}

function parsePreset(text: string): { name: string; comment?: string } {
  const m = /^"([^"]*)"(?::\s*(.*))?$/.exec(text);
  if (!m) return { name: text };
  return m[2] ? { name: m[1]!, comment: m[2] } : { name: m[1]! };
}
