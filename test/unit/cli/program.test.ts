// The command table: a command line that names a command defines only that one; anything else gets them all.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';

const names = (only?: string) => buildProgram(undefined, only).commands.map((c) => c.name());

describe('buildProgram', () => {
  const all = names();

  it('defines every job and tool command when no command is named', () => {
    expect(all).toEqual(expect.arrayContaining(['compress', 'hls', 'rtsp', 'webrtc', 'doctor', 'plugins', 'queue', 'worker', 'chunk', 'deepstream']));
  });

  it('defines only the named command, with the same subcommands and options as in the full table', () => {
    for (const name of ['compress', 'deepstream', 'chunk', 'plugins']) {
      const program = buildProgram(undefined, name);
      expect(program.commands.map((c) => c.name())).toEqual([name]);
      const alone = program.commands[0]!;
      const inFull = buildProgram().commands.find((c) => c.name() === name)!;
      expect(alone.commands.map((c) => c.name())).toEqual(inFull.commands.map((c) => c.name()));
      expect(alone.options.map((o) => o.flags)).toEqual(inFull.options.map((o) => o.flags));
    }
  });

  it('defines them all for a word that is not a command (a typo to suggest for, help, an option)', () => {
    for (const word of ['compres', 'help', '--json', 'constructor']) expect(names(word)).toEqual(all);
  });
});
