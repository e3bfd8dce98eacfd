// Shell completions: generated from the command table, shipped in completions/, printed by the CLI.
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../helpers/cli.js';

const FILES = { bash: 'lydlr-gst.bash', zsh: '_lydlr-gst', fish: 'lydlr-gst.fish' } as const;

describe('completion', () => {
  it.each(Object.entries(FILES))('%s: the CLI prints the shipped file', async (shell, file) => {
    const r = await cli(['completion', shell]);
    expect(r.exitCode).toBe(0);
    // execa strips the final newline of stdout.
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'completions', file), 'utf8').trimEnd());
    expect(r.stdout).toContain('launch');
  });

  it.each(Object.entries(FILES))('%s: the script passes the shell\'s own syntax check', async (shell, file) => {
    const r = await execa(shell, ['-n', join(ROOT, 'completions', file)], { reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('bash completes commands and their flags', async () => {
    const script = `source ${join(ROOT, 'completions', FILES.bash)}
COMP_WORDS=(lydlr-gst la); COMP_CWORD=1; _lydlr_gst; echo "\${COMPREPLY[@]}"
COMP_WORDS=(lydlr-gst launch --dr); COMP_CWORD=2; _lydlr_gst; echo "\${COMPREPLY[@]}"
COMP_WORDS=(lydlr-gst completion z); COMP_CWORD=2; _lydlr_gst; echo "\${COMPREPLY[@]}"`;
    const r = await execa('bash', ['-c', script]);
    expect(r.stdout.split('\n')).toEqual(['launch', '--dry-run', 'zsh']);
  });

  it('refuses an unknown shell with exit 2', async () => {
    expect((await cli(['completion', 'tcsh'])).exitCode).toBe(2);
  });
});
