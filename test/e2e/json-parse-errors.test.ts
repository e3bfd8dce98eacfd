// --json when commander itself refuses the command line: the last stdout line is still the result.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('--json result for command-line errors', () => {
  it.each([
    ['a bad --level value, --json first', ['--json', 'compress', 'in.mp4', 'out.mp4', '--level', '2'], 'compress', 'commander.invalidArgument', /--level/],
    ['a bad --bitrate value, --json last', ['compress', 'in.mp4', 'out.mp4', '--bitrate', 'abc', '--json'], 'compress', 'commander.invalidArgument', /--bitrate/],
    ['a port out of range', ['--json', 'rtsp', 'test', '--port', '70000'], 'rtsp', 'commander.invalidArgument', /70000/],
    ['an unknown flag', ['compress', '--json', 'in.mp4', 'out.mp4', '--bogus'], 'compress', 'commander.unknownOption', /--bogus/],
    ['a missing argument', ['--json', 'compress'], 'compress', 'commander.missingArgument', /input/],
    ['an unknown command', ['--json', 'no-such-command'], 'lydlr-gst', 'commander.unknownCommand', /no-such-command/],
  ])('%s: exit 2 and a result line naming the problem', async (_name, args, command, code, mentions) => {
    const r = await cli(args as string[]);
    expect(r.exitCode).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as { error: { message: string } };
    expect(record).toMatchObject({ type: 'result', ok: false, command, exitCode: 2, error: { name: 'UsageError', code } });
    expect(record.error.message).toMatch(mentions as RegExp);
  });

  it('without --json a command-line error leaves stdout empty', async () => {
    const r = await cli(['compress', 'in.mp4', 'out.mp4', '--level', '2']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--level/);
  });
});
