// A job's flag table read as a JSON body: which fields exist, their zod types (the job's option
// schema where it has the field) and the argv that carries them to the job's CLI child. Nothing
// here is a hand-kept list of fields: a new flag of a job appears in the API by itself.
import { z } from 'zod';
import { fieldName, isNegation, longFlag, optionalValue, parsesText, takesValue, type ArgSpec, type FlagSpec } from '../jobs/flags.js';
import type { ApiBody, JobSpec } from '../jobs/spec.js';
import { ApiError, type FieldIssue } from './api-error.js';

export interface PositionalField {
  /** The body field (input, output, pipeline). */
  field: string;
  variadic: boolean;
  required: boolean;
  description: string;
}

// The job's positional arguments, and any the body spells separately (compress's output).
export function positionalFields(spec: JobSpec, extra: readonly ArgSpec[] = []): PositionalField[] {
  return [...spec.args, ...extra].map((a) => ({ field: a.name, variadic: a.variadic ?? false, required: a.required, description: a.help }));
}

// Flags grouped by body field: --live and --no-live are one field.
export function flagFields(spec: JobSpec): Map<string, FlagSpec[]> {
  const fields = new Map<string, FlagSpec[]>();
  for (const flag of spec.flags) fields.set(fieldName(flag), [...(fields.get(fieldName(flag)) ?? []), flag]);
  return fields;
}

// The body as a zod object: positionals and flags, strict (an unknown field is an issue).
export function bodySchema(spec: JobSpec, body: ApiBody, positionals: PositionalField[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  const schemaShape = (body.schema?.shape ?? {}) as Record<string, z.ZodType>;
  for (const p of positionals) {
    const base = body.fieldTypes?.[p.field] ?? schemaShape[p.field] ?? (p.variadic ? z.union([nonEmpty, z.array(nonEmpty).min(1)]) : nonEmpty);
    const described = base.describe(p.description || `the ${p.field} argument`);
    shape[p.field] = p.required ? described : described.optional();
  }
  for (const [name, flags] of flagFields(spec)) {
    const main = flags.find((f) => !isNegation(f)) ?? flags[0]!;
    const base = body.fieldTypes?.[name] ?? schemaShape[name] ?? fromFlag(main, flags);
    const described = base.describe(`${main.help} (${flags.map(longFlag).join(' / ')})`);
    shape[name] = flags.some((f) => f.required) ? described : described.optional();
  }
  return z.object(shape).strict();
}

const nonEmpty = z.string().min(1);

// A field the job schema does not have, typed from its flag: switches are booleans, repeatable
// flags take a list, choices an enum, parsed values numbers, or text for text-valued parsers (60s, 100M,
// HOST:PORT), each checked by the flag's own parser.
function fromFlag(flag: FlagSpec, all: FlagSpec[]): z.ZodType {
  if (all.every((f) => !takesValue(f))) return z.boolean();
  if (flag.repeatable) return z.union([nonEmpty, z.array(nonEmpty)]);
  if (flag.choices) return z.enum(flag.choices as [string, ...string[]]);
  const parse = flag.parse;
  if (parse) {
    return (parsesText(parse) ? z.union([nonEmpty, z.number()]) : z.number()).superRefine((value, ctx) => {
      try {
        parse(String(value));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    });
  }
  return z.string();
}

// Flags that exclude each other, both given in the body.
export function conflictIssues(spec: JobSpec, body: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const flag of spec.flags) {
    const name = fieldName(flag);
    if (body[name] === undefined) continue;
    for (const other of flag.conflicts ?? []) {
      if (body[other] !== undefined && name < other) issues.push({ field: name, message: `"${name}" and "${other}" exclude each other: give one` });
    }
  }
  return issues;
}

// The body as the CLI's argv: long flags as --name=value (so no value is read as a flag), the
// positional words after "--".
export function bodyToArgv(spec: JobSpec, body: Record<string, unknown>, positionals: PositionalField[]): string[] {
  const args: string[] = [];
  for (const [name, flags] of flagFields(spec)) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    const positive = flags.find((f) => !isNegation(f));
    const negative = flags.find(isNegation);
    if (typeof value === 'boolean') {
      if (value && positive && (!takesValue(positive) || optionalValue(positive))) args.push(longFlag(positive));
      if (!value && negative) args.push(longFlag(negative));
      continue;
    }
    if (!positive) throw new ApiError(400, `${name}: expected true or false.`, { name: 'InvalidBody', issues: [{ field: name, message: 'expected a boolean' }] });
    for (const item of Array.isArray(value) ? value : [value]) args.push(`${longFlag(positive)}=${scalar(name, item)}`);
  }
  const words = positionals.flatMap((p) => {
    const value = body[p.field];
    if (value === undefined || value === null) return [];
    return (Array.isArray(value) ? value : [value]).map((v) => scalar(p.field, v));
  });
  return words.length > 0 ? [...args, '--', ...words] : args;
}

function scalar(field: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new ApiError(400, `${field}: expected a string or a number.`, { name: 'InvalidBody', issues: [{ field, message: 'expected a string or a number' }] });
}
