// The "Element Properties" / "Pad Properties" blocks of gst-inspect-1.0 NAME, one Property each.
import { parseCapsBlock } from './caps.js';
import type { Property, PropertyType } from './schema.js';

const NUMERIC_TYPES = 'Unsigned Integer64|Integer64|Unsigned Integer|Integer|Unsigned Long|Long|Float|Double';
const RANGED = new RegExp(`^(${NUMERIC_TYPES})\\. Range:\\s*(\\S+)\\s+-\\s+(\\S+)\\s+Default:\\s*(\\S+)`);
const FRACTION = /^Fraction\. Range:\s*(\S+)\s+-\s+(\S+)\s+Default:\s*(\S+)/;
const ENUM = /^Enum "([^"]+)" Default: (-?\d+), "(.*)"$/;
const FLAGS = /^Flags "([^"]+)" Default: (0x[0-9a-fA-F]+), "(.*)"$/;
const ENUM_VALUE = /^\((-?\d+)\): (\S+)\s+- ?(.*)$/;
const FLAGS_VALUE = /^\((0x[0-9a-fA-F]+)\): (\S+)\s+- ?(.*)$/;
const TYPED_AS: [RegExp, PropertyType][] = [
  [/^Object of type "([^"]+)"/, 'Object'],
  [/^Boxed pointer of type "([^"]+)"/, 'Boxed'],
  [/^Pointer of type "([^"]+)"/, 'Pointer'],
  [/^Pointer\./, 'Pointer'],
  [/^GstValueArray of GValues(?: of type "([^"]+)")?/, 'Array'],
  [/^Array of GValues(?: of type "([^"]+)")?/, 'ValueArray'],
  [/^Unknown type -?\d+ "([^"]+)"/, 'Unknown'],
];
// Flag phrases that contain commas themselves, so a plain split would cut them.
const FLAG_PHRASES = ['changeable in NULL, READY, PAUSED or PLAYING state', 'changeable only in NULL, READY or PAUSED state'];

const indentOf = (line: string): number => line.length - line.trimStart().length;

// Exact integers past 2^53 stay strings; "inf"/"nan" stay strings too (JSON has no such numbers).
export function toNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(n)) return text;
  return n;
}

export function parsePropertyFlags(text: string): string[] {
  let rest = text.trim();
  const found: string[] = [];
  for (const phrase of FLAG_PHRASES) {
    if (rest.includes(phrase)) {
      found.push(phrase);
      rest = rest.replace(phrase, '');
    }
  }
  const simple = rest.split(',').map((f) => f.trim()).filter(Boolean);
  return [...simple, ...found];
}

// Splits a properties block into one group of lines per property (header + continuation lines).
export function groupProperties(lines: string[], indent: number): string[][] {
  const header = new RegExp(`^ {${indent}}[A-Za-z_][\\w-]*\\s*:`);
  const groups: string[][] = [];
  for (const line of lines) {
    if (header.test(line) && indentOf(line) === indent) groups.push([line]);
    else if (groups.length > 0) groups[groups.length - 1]!.push(line);
  }
  return groups;
}

export function parseProperties(lines: string[], indent: number): Property[] {
  return groupProperties(lines, indent).map(parseProperty);
}

// One property: "name : blurb", "flags: …", the type line, then enum/flags values or caps lines.
export function parseProperty(group: string[]): Property {
  const [head = '', ...rest] = group;
  const m = /^\s*([^\s:]+)\s*: ?(.*)$/.exec(head);
  const property: Property = { name: m?.[1] ?? head.trim(), blurb: m?.[2] ?? '', flags: [], type: 'Unknown' };
  let typed = false;
  const capsLines: string[] = [];
  let pendingDefault: string | undefined;
  for (const raw of rest) {
    const text = raw.trim().replace(/ ?Write only$/, '');
    if (text === '') continue;
    if (!typed && text.startsWith('flags: ')) property.flags = parsePropertyFlags(text.slice(7));
    else if (!typed && /^Default: "(.*)"$/.test(text)) pendingDefault = text.slice(10, -1);
    else if (!typed && applyTypeLine(property, text)) typed = true;
    else if (typed) addValue(property, text);
    else capsLines.push(raw);
  }
  if (pendingDefault !== undefined) property.default = pendingDefault;
  if (!typed && capsLines.length > 0) Object.assign(property, { type: 'Caps', caps: parseCapsBlock(capsLines) });
  return property;
}

// Reads the type line into the property; false when the line is not a type line.
function applyTypeLine(p: Property, text: string): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^Boolean\. Default: (true|false)/.exec(text))) return set(p, { type: 'Boolean', default: m[1] === 'true' });
  if ((m = /^String\. Default: (null|"(.*)")/.exec(text))) return set(p, { type: 'String', default: m[1] === 'null' ? null : m[2]! });
  if ((m = RANGED.exec(text))) {
    return set(p, { type: m[1] as PropertyType, range: { min: toNumber(m[2]!), max: toNumber(m[3]!) }, default: toNumber(m[4]!) });
  }
  if ((m = FRACTION.exec(text))) return set(p, { type: 'Fraction', range: { min: m[1]!, max: m[2]! }, default: m[3]! });
  if ((m = ENUM.exec(text))) return set(p, { type: 'Enum', typeName: m[1]!, default: Number(m[2]), defaultNicks: [m[3]!], values: [] });
  if ((m = FLAGS.exec(text))) {
    const nicks = m[3] === '(none)' ? [] : m[3]!.split('+');
    return set(p, { type: 'Flags', typeName: m[1]!, default: parseInt(m[2]!, 16), defaultNicks: nicks, values: [] });
  }
  if (/^Caps \(NULL\)/.test(text)) return set(p, { type: 'Caps', default: null });
  for (const [re, type] of TYPED_AS) {
    if ((m = re.exec(text))) return set(p, m[1] ? { type, typeName: m[1] } : { type });
  }
  return false;
}

function set(p: Property, fields: Partial<Property>): true {
  Object.assign(p, fields);
  return true;
}

// Lines after the type line: enum "(n): nick - desc" or flags "(0x…): nick - desc"; others ignored.
function addValue(p: Property, text: string): void {
  const m = (p.type === 'Flags' ? FLAGS_VALUE : ENUM_VALUE).exec(text);
  if (!m || !p.values) return;
  const value = p.type === 'Flags' ? parseInt(m[1]!, 16) : Number(m[1]);
  p.values.push({ value, nick: m[2]!, description: m[3]!.trim() });
}
