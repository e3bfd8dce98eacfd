// A command's own option table (commander) read as a JSON body: which fields exist, their zod
// types (the job's option schema where it has the field), and the argv that carries them to the
// CLI child. Nothing here is a hand-kept list of flags: a new option appears in the API by itself.
import type { Command, Option } from 'commander';
import { z } from 'zod';
import { collect } from '../cli/parse-options.js';
import { ApiError, type FieldIssue } from './api-error.js';

export interface PositionalField {
  /** The body field (input, output, pipeline). */
  field: string;
  variadic: boolean;
  required: boolean;
  description: string;
}

export function findCommand(program: Command, words: readonly string[]): Command | undefined {
  let command: Command | undefined = program;
  for (const word of words) command = command?.commands.find((c) => c.name() === word);
  return command;
}

// The command's positional arguments, and any the body spells separately (compress's output).
export function positionalFields(command: Command, extra: PositionalField[] = []): PositionalField[] {
  return [
    ...command.registeredArguments.map((a) => ({ field: a.name(), variadic: a.variadic, required: a.required, description: a.description })),
    ...extra,
  ];
}

// Options grouped by body field: --live and --no-live are one field.
export function optionFields(command: Command): Map<string, Option[]> {
  const fields = new Map<string, Option[]>();
  for (const option of command.options) {
    if (option.hidden) continue;
    const name = option.attributeName();
    fields.set(name, [...(fields.get(name) ?? []), option]);
  }
  return fields;
}

export interface BodySchemaSource {
  positionals: PositionalField[];
  /** The job's option schema: a body field with the same name is checked by the same zod field. */
  schema?: z.ZodObject | undefined;
  /** Fields whose CLI form differs from the schema's (rtsp --auth user:pass strings). */
  fieldTypes?: Readonly<Record<string, z.ZodType>>;
}

// The body as a zod object: positionals and options, strict (an unknown field is an issue).
export function bodySchema(command: Command, source: BodySchemaSource): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  const schemaShape = (source.schema?.shape ?? {}) as Record<string, z.ZodType>;
  for (const p of source.positionals) {
    const base = source.fieldTypes?.[p.field] ?? schemaShape[p.field] ?? (p.variadic ? z.union([nonEmpty, z.array(nonEmpty).min(1)]) : nonEmpty);
    const described = base.describe(p.description || `the ${p.field} argument`);
    shape[p.field] = p.required ? described : described.optional();
  }
  for (const [name, options] of optionFields(command)) {
    const main = options.find((o) => !o.negate) ?? options[0]!;
    const base = source.fieldTypes?.[name] ?? schemaShape[name] ?? fromOption(main, options);
    const flags = options.map((o) => o.long).join(' / ');
    const described = base.describe(`${main.description} (${flags})`);
    shape[name] = options.some((o) => o.mandatory) ? described : described.optional();
  }
  return z.object(shape).strict();
}

const nonEmpty = z.string().min(1);

// A field the job schema does not have, typed from commander: switches are booleans, repeatable
// options take a list, choices an enum, parsed values numbers (checked by the option's own parser).
function fromOption(option: Option, all: Option[]): z.ZodType {
  if (all.every((o) => o.isBoolean() || o.negate)) return z.boolean();
  if (option.parseArg === (collect as unknown)) return z.union([nonEmpty, z.array(nonEmpty)]);
  if (option.argChoices) return z.enum(option.argChoices as [string, ...string[]]);
  const parse = option.parseArg;
  if (parse) {
    return z.number().superRefine((value, ctx) => {
      try {
        parse(String(value), undefined);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    });
  }
  return z.string();
}

// Options that exclude each other (commander's .conflicts()), both given in the body.
export function conflictIssues(command: Command, body: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const option of command.options) {
    const name = option.attributeName();
    if (body[name] === undefined) continue;
    const conflicts = (option as unknown as { conflictsWith?: string[] }).conflictsWith ?? [];
    for (const other of conflicts) {
      if (body[other] !== undefined && name < other) issues.push({ field: name, message: `"${name}" and "${other}" exclude each other: give one` });
    }
  }
  return issues;
}

// The body as the CLI's argv: long options as --name=value (so no value is read as a flag), the
// positional words after "--".
export function bodyToArgv(command: Command, body: Record<string, unknown>, positionals: PositionalField[]): string[] {
  const args: string[] = [];
  for (const [name, options] of optionFields(command)) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    const positive = options.find((o) => !o.negate);
    const negative = options.find((o) => o.negate);
    if (typeof value === 'boolean') {
      if (value && positive?.isBoolean()) args.push(positive.long!);
      if (!value && negative) args.push(negative.long!);
      continue;
    }
    if (!positive) throw new ApiError(400, `${name}: expected true or false.`, { name: 'InvalidBody', issues: [{ field: name, message: 'expected a boolean' }] });
    for (const item of Array.isArray(value) ? value : [value]) args.push(`${positive.long}=${scalar(name, item)}`);
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
