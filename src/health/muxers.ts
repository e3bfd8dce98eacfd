// The container muxers our jobs write with (from the container table), each present or not.
import { CONTAINER_SPECS } from '../pipeline/containers.js';
import type { Check } from './types.js';
import { fixForMissing, missingElement, presenceLine } from './fixes.js';

export const MUXERS = [...new Set(Object.values(CONTAINER_SPECS).map((c) => c.muxer))];

export function muxersCheck(names: ReadonlySet<string>): Check {
  const present = MUXERS.filter((m) => names.has(m));
  const missing = MUXERS.filter((m) => !names.has(m)).map((m) => missingElement(m, false));
  const details = Object.values(CONTAINER_SPECS).map((c) => presenceLine(c.muxer, names.has(c.muxer), `(${c.container})`));
  const base = { id: 'muxers', group: 'muxers' as const, title: 'Muxers', details };
  if (missing.length === 0) return { ...base, verdict: 'ok', summary: present.join(', ') };
  return {
    ...base, verdict: 'warn', missing, fix: fixForMissing(missing),
    summary: `missing ${missing.map((m) => m.element).join(', ')}${present.length ? ` (have ${present.join(', ')})` : ''}`,
  };
}
