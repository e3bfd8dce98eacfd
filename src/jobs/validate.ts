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

/** One problem with a body or options object, by field (camelCase, as the option). */
export interface FieldIssue {
  field?: string;
  message: string;
}

// Every problem the schema finds, as field issues in one usage error; the parsed options when there is none.
export function checkFields<S extends z.ZodType>(schema: S, input: unknown, rename: Record<string, string> = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const field = rename[path.slice(0, 2).join('.')] ?? rename[path[0] ?? ''] ?? (path.join('.') || undefined);
    return { ...(field ? { field } : {}), message: issue.message };
  });
  throw new UsageError(`Invalid body: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}.`, { data: { issues } });
}

/** A body value as a list of strings (one value or an array). */
export const listOf = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The object without some keys. */
export const without = (body: Record<string, unknown>, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));
