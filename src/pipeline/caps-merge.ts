// gst-launch accepts one caps filter between two elements: `a ! caps ! caps ! b` is read as an
// element named after the second caps' media type (`no element "video"`). Adjacent caps are
// therefore merged into one when that is exact, and otherwise the second becomes a capsfilter.
import { element, type CapsNode, type Chain, type PipelineNode } from './nodes.js';

interface Structure {
  /** Media type with its features, e.g. `video/x-raw` or `video/x-raw(memory:NVMM)`. */
  name: string;
  fields: { key: string; value: string }[];
}

/**
 * One caps string equal to both filters in a row, or undefined when that is not certain:
 * different media types, several structures, a field without a value, or one field given two
 * different values (a range and a value may still intersect; GStreamer decides that, not us).
 * `joinCaps('video/x-raw,width=1280', 'video/x-raw,format=I420')` → `video/x-raw,width=1280,format=I420`.
 */
export function joinCaps(first: string, second: string): string | undefined {
  const a = parseStructure(first);
  const b = parseStructure(second);
  if (!a || !b || a.name !== b.name) return undefined;
  const fields = [...a.fields];
  for (const field of b.fields) {
    const same = fields.find((f) => f.key === field.key);
    if (!same) fields.push(field);
    else if (same.value !== field.value) return undefined;
  }
  return [a.name, ...fields.map((f) => `${f.key}=${f.value}`)].join(',');
}

/** The chain with no two caps nodes in a row: merged when exact, else the second as a capsfilter. */
export function mergeAdjacentCaps(chain: Chain): PipelineNode[] {
  const out: PipelineNode[] = [];
  for (const node of chain) {
    const previous = out[out.length - 1];
    if (node.kind !== 'caps' || previous?.kind !== 'caps') {
      out.push(node);
      continue;
    }
    const joined = joinCaps(previous.caps, node.caps);
    if (joined !== undefined) out[out.length - 1] = { kind: 'caps', caps: joined } satisfies CapsNode;
    else out.push(element('capsfilter', { caps: node.caps }));
  }
  return out;
}

// `name,key=value,…` with commas inside quotes, (), [], {} and <> left alone; undefined when the
// text is not one plain structure.
function parseStructure(text: string): Structure | undefined {
  const parts = splitTopLevel(text.trim());
  if (!parts) return undefined;
  const [name, ...rest] = parts.map((p) => p.trim());
  if (!name || /[=;]/.test(name)) return undefined;
  const fields: Structure['fields'] = [];
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    fields.push({ key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return { name, fields };
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

function splitTopLevel(text: string): string[] | undefined {
  const parts: string[] = [];
  const open: string[] = [];
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '\\') {
      current += c + (text[++i] ?? '');
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c in CLOSERS) {
      open.push(CLOSERS[c]!);
    } else if (c === open[open.length - 1]) {
      open.pop();
    } else if (c === ';' && open.length === 0) {
      return undefined; // several structures: no single merged structure to write
    } else if (c === ',' && open.length === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (quoted || open.length > 0) return undefined;
  parts.push(current);
  return parts;
}
