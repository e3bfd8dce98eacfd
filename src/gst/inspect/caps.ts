// Caps as gst-inspect prints them (one structure per line, fields below) and as caps strings
// ("video/x-h264, width=(int)1280, …", from gst-discoverer). Pure and forgiving.
import type { Caps, CapsStructure } from './schema.js';

const STRUCTURE = /^([A-Za-z][\w.+-]*\/[\w.+-]+|ANY|EMPTY)(?:\((.*)\))?$/;
const FIELD = /^([A-Za-z][\w.-]*): (.*)$/;

const indentOf = (line: string): number => line.length - line.trimStart().length;

function structureFrom(name: string, features: string | undefined): CapsStructure {
  const list = features ? features.split(',').map((f) => f.trim()).filter(Boolean) : [];
  return { name, features: list, fields: {} };
}

// gst-inspect's printed caps: a structure name at the base indent, its fields indented deeper.
export function parseCapsBlock(lines: string[]): Caps {
  const caps: Caps = { any: false, structures: [] };
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return caps;
  const base = indentOf(first);
  let current: CapsStructure | undefined;
  for (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    const field = indentOf(line) > base ? FIELD.exec(text) : null;
    if (field && current) {
      current.fields[field[1]!] = field[2]!;
      continue;
    }
    const s = STRUCTURE.exec(text);
    if (!s) continue;
    if (s[1] === 'ANY') caps.any = true;
    if (s[1] === 'ANY' || s[1] === 'EMPTY') continue;
    current = structureFrom(s[1]!, s[2]);
    caps.structures.push(current);
  }
  return caps;
}

// Splits on a separator at nesting depth 0, outside quotes (values hold "<a, b>", "{ x, y }", "\,").
export function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') { i++; continue; }
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if ('<{[('.includes(c)) depth++;
    else if ('>}])'.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(c)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

// A caps string to structures; field values keep GStreamer's serialization minus the "(type)" prefix.
export function parseCapsString(text: string): Caps {
  const trimmed = text.trim();
  if (trimmed === 'ANY') return { any: true, structures: [] };
  const structures: CapsStructure[] = [];
  for (const part of splitTopLevel(trimmed, ';')) {
    const [head, ...fields] = splitTopLevel(part, ',');
    const s = head ? STRUCTURE.exec(head) : null;
    const structure = structureFrom(s ? s[1]! : (head ?? ''), s?.[2]);
    for (const field of fields) {
      const eq = field.indexOf('=');
      if (eq > 0) structure.fields[field.slice(0, eq).trim()] = unwrapValue(field.slice(eq + 1));
    }
    structures.push(structure);
  }
  return { any: false, structures };
}

// "(string)avc" → "avc"; "(string)\"a\\,b\"" → "a,b"; lists and ranges are left as printed.
export function unwrapValue(raw: string): string {
  const value = raw.trim().replace(/^\([\w-]+\)/, '');
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) return unescape(value.slice(1, -1));
  return value.includes('\\') && !/[<{[]/.test(value[0] ?? '') ? unescape(value) : value;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

// The plain values of a caps field: "{ (string)I420, (string)NV12 }" → ["I420", "NV12"]; "au" → ["au"].
export function capsFieldValues(value: string): string[] {
  const v = value.trim();
  const inner = v.startsWith('{') && v.endsWith('}') ? v.slice(1, -1) : v;
  if (v.startsWith('[')) return [v];
  return splitTopLevel(inner, ',').map(unwrapValue);
}
