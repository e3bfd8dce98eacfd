// Body field names: the command's long options in camelCase, its positional arguments as `input`
// and `output`, and the original Lydlr REST API's snake_case names (input_source, rtsp_port…) accepted as aliases.
import type { FieldIssue } from './api-error.js';

/** The original API's snake_case names → ours; a job kind may map some differently (deepstream: rtsp_port → rtspPort). */
export const SNAKE_CASE_ALIASES: Readonly<Record<string, string>> = {
  input_source: 'input',
  output_sink: 'output',
  compression_level: 'level',
  rtsp_port: 'port',
  mount_point: 'mount',
  output_dir: 'outputDir',
  segment_duration: 'segmentDuration',
};

export interface AliasedBody {
  body: Record<string, unknown>;
  issues: FieldIssue[];
}

// Each key becomes a known field (itself, the kind's alias, the original API's alias, or its camelCase
// spelling); unknown fields and a field given twice under two names are issues.
export function applyAliases(raw: Record<string, unknown>, known: ReadonlySet<string>, kindAliases: Readonly<Record<string, string>> = {}): AliasedBody {
  const body: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const field = fieldFor(key, known, kindAliases);
    if (field === undefined) {
      issues.push({ field: key, message: `unknown field (known: ${[...known].join(', ')})` });
      continue;
    }
    if (field in body) {
      issues.push({ field, message: `given twice, as "${from[field]}" and "${key}"` });
      continue;
    }
    body[field] = value;
    from[field] = key;
  }
  return { body, issues };
}

function fieldFor(key: string, known: ReadonlySet<string>, kindAliases: Readonly<Record<string, string>>): string | undefined {
  if (known.has(key)) return key;
  for (const candidate of [kindAliases[key], SNAKE_CASE_ALIASES[key], snakeToCamel(key)]) {
    if (candidate !== undefined && known.has(candidate)) return candidate;
  }
  return undefined;
}

// "segment_duration" → "segmentDuration"; "max-files" → "maxFiles".
export function snakeToCamel(key: string): string {
  return key.replace(/[_-]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
