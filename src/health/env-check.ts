// Our environment variables, one verdict each. Unlike readEnv, a bad value does not stop the doctor:
// it is reported with readEnv's own message and fix, and left out of the environment the checks run with.
import { existsSync, statSync } from 'node:fs';
import { ENV_VARS, readEnv, type LydlrEnv } from '../config/env.js';
import { isLydlrError } from '../errors.js';
import type { Check } from './types.js';

export interface EnvVar {
  name: string;
  value: string | undefined;
  valid: boolean;
  message?: string;
  fix?: string;
}

export interface EnvFacts {
  /** Validated settings, with invalid variables left out. */
  config: LydlrEnv;
  vars: EnvVar[];
  /** The process environment without the invalid variables. */
  cleaned: NodeJS.ProcessEnv;
}

export function inspectEnv(env: NodeJS.ProcessEnv = process.env): EnvFacts {
  const cleaned = { ...env };
  const vars = [...ENV_VARS].map((name): EnvVar => {
    const value = env[name] === '' ? undefined : env[name];
    if (value === undefined) return { name, value, valid: true };
    try {
      readEnv({ [name]: value });
      return { name, value, valid: true };
    } catch (error) {
      if (!isLydlrError(error)) throw error;
      delete cleaned[name];
      return { name, value, valid: false, message: error.message, fix: error.fix };
    }
  });
  return { config: readEnv(cleaned), vars, cleaned };
}

// One check per variable: invalid values fail (exit 2); a plugin folder that is not there is a warning.
export function envChecks(facts: EnvFacts): Check[] {
  return facts.vars.map((v): Check => {
    const base = { id: `env:${v.name}`, group: 'environment' as const, title: v.name, details: [] };
    if (!v.valid) return { ...base, verdict: 'fail', summary: v.message ?? `${v.name} is invalid`, fix: v.fix };
    if (v.value === undefined) return { ...base, verdict: 'ok', summary: `${v.name} not set${defaultNote(v.name, facts.config)}` };
    if (v.name === 'GSTREAMER_PLUGINS_PATH') return pluginsPathCheck(v.value, base);
    return { ...base, verdict: 'ok', summary: `${v.name}=${v.value}` };
  });
}

function defaultNote(name: string, config: LydlrEnv): string {
  if (name === 'NVIDIA_DEEPSTREAM_PATH') return ` (default ${config.deepstreamPath})`;
  if (name === 'DEEPSTREAM_ENABLED') return ' (DeepStream off)';
  return '';
}

function pluginsPathCheck(value: string, base: Pick<Check, 'id' | 'group' | 'title' | 'details'>): Check {
  const entries = value.split(':').filter(Boolean);
  const absent = entries.filter((p) => !isDirectory(p));
  const details = entries.map((p) => `${absent.includes(p) ? '✗' : '✓'} ${p}`);
  if (absent.length === 0) return { ...base, details, verdict: 'ok', summary: `GSTREAMER_PLUGINS_PATH=${value}` };
  return {
    ...base,
    details,
    verdict: 'warn',
    summary: `GSTREAMER_PLUGINS_PATH names ${absent.length === 1 ? 'a folder that does' : 'folders that do'} not exist: ${absent.join(', ')}`,
    fix: `export GSTREAMER_PLUGINS_PATH=${entries.filter((p) => !absent.includes(p)).join(':') || '<an existing plugin folder>'}   (or unset it)`,
  };
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
