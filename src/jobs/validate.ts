// Validates job options with a zod schema; the first problem becomes a usage error (exit 2).
import type { z } from 'zod';
import { UsageError } from '../errors.js';

export function parseJobOptions<S extends z.ZodType>(schema: S, raw: unknown, flagName: (field: string) => string = toFlag): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field ? `${flagName(field)}: ${issue.message}` : issue.message;
  });
  throw new UsageError(issues[0]!, { data: { issues } });
}

// "outputDir" → "--output-dir" (the CLI's spelling of a schema field).
export function toFlag(field: string): string {
  const top = field.split('.')[0]!;
  return `--${top.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
