// runAction and reportError: a command's result or thrown error → the exit code and what is printed.
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { globalOptions, reportError, runAction } from '../../../src/cli/run-command.js';
import { JobContext, type JobResult, type GlobalOptions } from '../../../src/jobs/context.js';
import { EnvironmentError, InterruptedError, JobError, UsageError } from '../../../src/errors.js';
import { JsonReporter } from '../../../src/report/json.js';
import { HumanReporter } from '../../../src/report/human.js';
import { capture } from '../report/capture.js';

// A command with the program's global options, parsed from argv (as commander hands it to actions).
function parsed(argv: string[]): Command {
  const program = new Command('lydlr-gst').option('--json').option('-q, --quiet').option('--no-color').option('--log-level <level>', '', 'info').exitOverride();
  let leaf: Command | undefined;
  program.command('x').action((_opts, cmd: Command) => (leaf = cmd));
  program.parse(['node', 'lydlr-gst', ...argv, 'x']);
  return leaf!;
}

const savedEnv = { ...process.env };
let writes: string[];
beforeEach(() => {
  writes = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  process.env = { ...savedEnv };
});

describe('runAction exit codes', () => {
  // [case, exit code, whether the result line carries error + exitCode (thrown errors do), the command]
  it.each<[string, number, boolean, () => Promise<JobResult>]>([
    ['ok result', 0, false, async () => ({ ok: true, data: {} })],
    ['not-ok result', 1, false, async () => ({ ok: false, data: {} })],
    ['not-ok result with its own exit code 3', 3, false, async () => ({ ok: false, exitCode: 3, data: {} })],
    ['thrown UsageError', 2, true, async () => { throw new UsageError('bad'); }],
    ['thrown EnvironmentError', 3, true, async () => { throw new EnvironmentError('missing'); }],
    ['thrown JobError', 1, true, async () => { throw new JobError('failed'); }],
    ['thrown InterruptedError', 130, true, async () => { throw new InterruptedError(); }],
    ['thrown plain Error', 1, true, async () => { throw new Error('bug'); }],
  ])('%s → exit %s; the --json result line is last (error record: %s)', async (_name, exitCode, thrown, run) => {
    await runAction('x', async () => run, [parsed(['--json'])]);
    expect(process.exitCode).toBe(exitCode);
    const last = JSON.parse(writes.filter((w) => w.startsWith('{')).at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ type: 'result', command: 'x', ok: exitCode === 0 });
    expect(last.exitCode).toBe(thrown ? exitCode : undefined);
    expect(last.error !== undefined).toBe(thrown);
  });

  it('passes positional arguments through to the command', async () => {
    let got: unknown[] = [];
    await runAction('x', async () => async (_ctx, ...args: unknown[]) => ((got = args), { ok: true, data: {} }), ['in.mp4', { flag: 1 }, parsed([])]);
    expect(got).toEqual(['in.mp4', { flag: 1 }]);
  });
});

describe('reportError', () => {
  const options: GlobalOptions = { json: false, quiet: false, color: false, logLevel: 'info', gstDebug: undefined };

  it('human: the message and its fix on stderr, nothing on stdout; returns the exit code', () => {
    const out = capture();
    const err = capture();
    const ctx = new JobContext('x', options, new HumanReporter({ ...options, stdout: out.stream, stderr: err.stream }));
    expect(reportError(ctx, new EnvironmentError('GStreamer element "x264enc" is not installed.', { fix: 'apt-get install -y gstreamer1.0-plugins-ugly' }))).toBe(3);
    expect(err.text()).toBe('✗ GStreamer element "x264enc" is not installed.\n  fix: apt-get install -y gstreamer1.0-plugins-ugly\n');
    expect(out.text()).toBe('');
  });

  it('human --quiet still shows the error', () => {
    const err = capture();
    const quiet = { ...options, quiet: true };
    const ctx = new JobContext('x', quiet, new HumanReporter({ ...quiet, stdout: capture().stream, stderr: err.stream }));
    expect(reportError(ctx, new UsageError('bad flag'))).toBe(2);
    expect(err.text()).toBe('✗ bad flag\n');
  });

  it('human --log-level debug adds the stack of an unexpected error', () => {
    const err = capture();
    const debug = { ...options, logLevel: 'debug' as const };
    const ctx = new JobContext('x', debug, new HumanReporter({ ...debug, stdout: capture().stream, stderr: err.stream }));
    expect(reportError(ctx, new Error('bug'))).toBe(1);
    expect(err.text()).toMatch(/^✗ bug\nError: bug\n\s+at /);
  });

  it('json: one result line on stdout with exitCode and error, nothing on stderr', () => {
    const out = capture();
    const err = capture();
    const json = { ...options, json: true };
    const ctx = new JobContext('x', json, new JsonReporter({ ...json, stdout: out.stream, stderr: err.stream }));
    expect(reportError(ctx, new UsageError('bad', { fix: 'do y' }))).toBe(2);
    expect(JSON.parse(out.text())).toEqual({ type: 'result', ok: false, command: 'x', exitCode: 2, error: { name: 'UsageError', message: 'bad', fix: 'do y' } });
    expect(err.text()).toBe('');
  });
});

describe('globalOptions', () => {
  it.each<[string, boolean, string[], Record<string, string | undefined>]>([
    ['FORCE_COLOR=1', true, [], { FORCE_COLOR: '1' }],
    ['FORCE_COLOR=1 --no-color', false, ['--no-color'], { FORCE_COLOR: '1' }],
    ['FORCE_COLOR=1 NO_COLOR=1', false, [], { FORCE_COLOR: '1', NO_COLOR: '1' }],
    ['FORCE_COLOR=1 NO_COLOR= (empty: not set)', true, [], { FORCE_COLOR: '1', NO_COLOR: '' }],
    ['FORCE_COLOR=0', false, [], { FORCE_COLOR: '0' }],
    ['no terminal, nothing forced', false, [], {}],
  ])('%s → color %s', (_name, color, argv, env) => {
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    Object.assign(process.env, env);
    // Test workers have no terminal (isTTY unset); the cases rely on that, so check it.
    expect(Boolean(process.stderr.isTTY || process.stdout.isTTY)).toBe(false);
    expect(globalOptions(parsed(argv)).color).toBe(color);
  });

  it('reads --json, --quiet and --log-level', () => {
    expect(globalOptions(parsed(['--json', '-q', '--log-level', 'debug']))).toMatchObject({ json: true, quiet: true, logLevel: 'debug' });
    expect(globalOptions(parsed([]))).toMatchObject({ json: false, quiet: false, logLevel: 'info' });
  });
});
