// Before the CLI bundle loads (module evaluation and argv parsing, ~60 ms), the first input of
// `compress IN …` or `hls IN …` starts its probe (gst-discoverer-1.0 takes 100–200 ms), so the two
// overlap. A guess from the raw words: the command's own earlyStart, once argv is parsed, starts
// the probes this missed, and a probe nobody takes is stopped (gst/discover/run.ts).
import { probeEarly } from '../gst/discover/run.js';
import { helpOnly } from './help-output.js';

const PROBING_COMMANDS = ['compress', 'hls'];

export function probeFromArgv(words: string[]): void {
  const [command, first] = words;
  if (!command || !PROBING_COMMANDS.includes(command) || !first || first.startsWith('-')) return;
  if (helpOnly(words)) return; // help waits for nothing
  probeEarly([first]);
}
