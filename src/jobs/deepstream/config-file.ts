// DeepStream config files checked before anything runs: nvinfer's must exist, be readable and have a
// [property] group (GKeyFile syntax); others (tracker, msgconv, broker) must exist and be readable.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';

export interface InferConfig {
  /** Absolute path, as nvinfer's config-file-path gets it. */
  path: string;
  /** The [property] group's keys and values (comments and blank lines dropped). */
  properties: Record<string, string>;
  groups: string[];
}

// A readable regular file, else exit 2 naming the flag and the file.
export function requireReadableFile(file: string, flag: string): string {
  const path = resolve(file);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UsageError(`${flag}: the file "${file}" does not exist.`, { fix: `Check the path given to ${flag}.`, data: { flag, file } });
  }
  if (!isFile) throw new UsageError(`${flag}: "${file}" is not a file.`, { fix: `Give ${flag} a config file, not a folder.`, data: { flag, file } });
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new UsageError(`${flag}: the file "${file}" is not readable.`, { fix: `Check its permissions (chmod a+r).`, data: { flag, file } });
  }
  return path;
}

// Groups and the [property] keys of a GKeyFile text (what nvinfer parses).
export function parseKeyFile(text: string): { groups: string[]; properties: Record<string, string> } {
  const groups: string[] = [];
  const properties: Record<string, string> = {};
  let group: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      group = header[1]!.trim();
      groups.push(group);
      continue;
    }
    const eq = line.indexOf('=');
    if (group === 'property' && eq > 0) properties[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { groups, properties };
}

// An nvinfer config (--config or --secondary): readable, with a [property] group.
export function readInferConfig(file: string, flag: string): InferConfig {
  const path = requireReadableFile(file, flag);
  const { groups, properties } = parseKeyFile(readFileSync(path, 'utf8'));
  if (!groups.includes('property')) {
    throw new UsageError(`${flag}: "${file}" is not an nvinfer config: it has no [property] section.`, {
      fix: 'An nvinfer config starts with a [property] group (model, labels, batch-size…); see samples/configs/deepstream-app/config_infer_primary.txt.',
      data: { flag, file, groups },
    });
  }
  return { path, properties, groups };
}

// gie-unique-id from the config, when it is a whole number.
export function configuredUniqueId(config: InferConfig): number | undefined {
  const value = config.properties['gie-unique-id'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
