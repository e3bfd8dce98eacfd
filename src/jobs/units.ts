// Human quantities on the command line: durations (`90`, `60s`, `5m`, `24h`, `00:01:02.5`) and sizes (`100M`, `10G`).
import { FlagValueError, textValue } from './flags.js';

const TIME_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Seconds from `12.5`, `60s`, `5m`, `24h`, `7d`, `500ms` or a clock time `HH:MM:SS(.f)` / `MM:SS`; undefined when it is none of these. */
export function parseSeconds(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(t);
  return m ? Number(m[1]) * TIME_UNITS[m[2] ?? 's']! : undefined;
}

/** Bytes from `1048576`, `500K`, `100M`, `10G`, `1T` (powers of 1024; a trailing B or iB is allowed). */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  return m ? Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!) : undefined;
}

// Flag parsers: a value that is not a positive quantity names the flag and the forms it takes.
export function durationFlag(flag: string) {
  return textValue((value: string): number => {
    const s = parseSeconds(value);
    if (s === undefined || s <= 0) throw new FlagValueError(`${flag} must be a duration above 0 such as 90, 60s, 5m, 24h or 00:01:30, got "${value}"`);
    return s;
  });
}

export function timeFlag(flag: string) {
  return textValue((value: string): number => {
    const s = parseSeconds(value);
    if (s === undefined) throw new FlagValueError(`${flag} must be a time such as 12.5, 90s or 00:01:02, got "${value}"`);
    return s;
  });
}

export function sizeFlag(flag: string) {
  return textValue((value: string): number => {
    const b = parseBytes(value);
    if (b === undefined || b <= 0) throw new FlagValueError(`${flag} must be a size above 0 such as 100M or 10G, got "${value}"`);
    return b;
  });
}
