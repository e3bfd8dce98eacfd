// The input of a chunked encode's steps: a file (splitting needs the whole input at rest), which exists.
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { parseInputSpec } from '../pipeline/sources.js';

export function requireFileInput(input: string): string {
  const spec = parseInputSpec(input);
  if (spec.kind !== 'file') {
    throw new UsageError(`--chunk splits a file; "${input}" is a ${spec.kind === 'uri' ? 'URI' : spec.kind} input.`, {
      fix: 'Record or download it to a file first (lydlr-gst record), or queue it without --chunk.',
      data: { input, kind: spec.kind },
    });
  }
  if (!existsSync(spec.path)) throw new UsageError(`Input not found: ${spec.path}`, { fix: 'Check the path (quote names with spaces).', data: { input } });
  if (!statSync(spec.path).isFile()) throw new UsageError(`Input is not a file: ${spec.path}`, { data: { input } });
  return spec.path;
}
