// Where commander writes help. Node makes process.stdout on first use, and for a pipe that loads
// node:net (~3 ms, a tenth of what a --help run adds to Node's own start): help for a pipe or a file
// goes to fd 1 directly. A terminal keeps commander's defaults (its width wraps the text).
import { fstatSync, writeSync } from 'node:fs';
import type { OutputConfiguration } from 'commander';

export function helpOutput(): OutputConfiguration {
  if (stdoutIsCharacterDevice()) return {};
  return { writeOut: writeToStdout, getOutHelpWidth: () => 80, getOutHasColors: () => false };
}

/** Whether the run only prints help or the version: it writes nothing else to stdout. */
export const helpOnly = (words: readonly string[]): boolean => words.some((w) => ['--help', '-h', '--version', '-V'].includes(w));

function stdoutIsCharacterDevice(): boolean {
  try {
    return fstatSync(1).isCharacterDevice();
  } catch {
    return false;
  }
}

// A reader that went away (| head) is no error; a pipe the parent made non-blocking gets the rest through Node.
function writeToStdout(text: string): void {
  const bytes = Buffer.from(text);
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(1, bytes, at);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN') process.stdout.write(bytes.subarray(at));
    else if (code !== 'EPIPE') throw error;
  }
}
