// Global options through the built CLI: --version, --quiet, --log-level, --no-color / NO_COLOR, --json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, tempDir } from '../helpers/cli.js';

const ESC = '\u001b[';
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

// The CLI with an environment we control entirely (cli() always adds NO_COLOR=1).
async function raw(args: string[], extra: Record<string, string> = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR' && k !== 'FORCE_COLOR')) as Record<string, string>;
  const r = await execa(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, extendEnv: false, reject: false, timeout: 110_000 });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const MISSING = ['launch', 'videotestsrc num-buffers=5 ! foobarenc ! fakesink'];
const AUTH_WARNING = '! passwords given with --auth are visible to other users of this machine (ps)';
const rtspWithAuth = ['rtsp', 'test', '--dry-run', '--auth', 'viewer:s3cret'];

function compressArgs(): string[] {
  const t = tempDir('lydlr-flags-');
  cleanups.push(t.cleanup);
  return ['compress', 'test:ball', join(t.dir, 'out.mp4'), '--duration', '0.5', '--scale', '160x120', '--preset', 'ultrafast'];
}

describe('--version', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  it.each(['--version', '-V'])('%s prints the package.json version alone on stdout, exit 0', async (flag) => {
    const r = await cli([flag]);
    // execa strips the final newline.
    expect(r).toMatchObject({ exitCode: 0, stdout: version, stderr: '' });
  });
});

describe('--log-level', () => {
  it.each([
    ['error', false],
    ['warn', true],
    ['info', true],
    ['debug', true],
  ] as const)('%s: the --auth warning on stderr shown=%s; the dry-run still printed on stdout', async (level, shown) => {
    const r = await cli(['--log-level', level, ...rtspWithAuth]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr.includes(AUTH_WARNING)).toBe(shown);
    expect(r.stdout).toContain('# rtsp://127.0.0.1:8554/stream');
  });

  it.each([
    ['warn', false],
    ['info', true],
    ['debug', true],
  ] as const)('%s: compress\'s "Encoding test:ball → …" info line shown=%s', async (level, shown) => {
    const r = await cli(['--log-level', level, ...compressArgs()]);
    expect(r.exitCode).toBe(0);
    expect(/^Encoding test:ball → .*out\.mp4 \(h264, x264enc\)$/m.test(r.stderr)).toBe(shown);
    expect(r.stdout).toContain('✓ Compressed');
  });

  it('an unknown level is a usage error (exit 2) listing the choices', async () => {
    const r = await cli(['--log-level', 'loud', 'status']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("Allowed choices are error, warn, info, debug");
  });
});

describe('--quiet', () => {
  it('compress -q: nothing on stderr, no summary on stdout, exit 0', async () => {
    const r = await cli(['-q', ...compressArgs()]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  it('compress -q --json: stdout is the result line alone', async () => {
    const r = await cli(['-q', '--json', ...compressArgs()]);
    expect(r.exitCode).toBe(0);
    expect(r.json.map((l) => l.type)).toEqual(['result']);
    expect(r.result).toMatchObject({ ok: true, command: 'compress' });
  });

  it('rtsp --dry-run -q: the --auth warning is gone, the pipeline is still on stdout', async () => {
    const r = await cli(['--quiet', ...rtspWithAuth]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('rtph264pay name=pay0');
  });

  it('-q still shows an error, with its fix, and its exit code', async () => {
    const r = await cli(['-q', ...MISSING]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe('✗ GStreamer element "foobarenc" is not installed.\n  fix: Find the plugin that provides "foobarenc" (lydlr-gst plugins --search foobarenc).');
  });
});

describe('colour', () => {
  it('FORCE_COLOR=1 without NO_COLOR: the error line is red', async () => {
    const r = await raw(MISSING, { FORCE_COLOR: '1' });
    expect(r.stderr).toContain(`${ESC}31m✗ GStreamer element "foobarenc" is not installed.${ESC}39m`);
  });

  it('FORCE_COLOR=1 with --no-color: the same error, no escape codes', async () => {
    const r = await raw(['--no-color', ...MISSING], { FORCE_COLOR: '1' });
    expect(r.stderr).toContain('✗ GStreamer element "foobarenc" is not installed.');
    expect(r.stderr).not.toContain(ESC);
  });

  it('FORCE_COLOR=1 with NO_COLOR=1: the same error, no escape codes', async () => {
    const r = await raw(MISSING, { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(r.stderr).toContain('✗ GStreamer element "foobarenc" is not installed.');
    expect(r.stderr).not.toContain(ESC);
  });

  it('FORCE_COLOR=1: the compress summary on stdout is coloured, and plain with --no-color', async () => {
    const coloured = await raw(compressArgs(), { FORCE_COLOR: '1' });
    expect(coloured.stdout).toContain(`${ESC}32m✓ Compressed${ESC}39m`);
    const plain = await raw(['--no-color', ...compressArgs()], { FORCE_COLOR: '1' });
    expect(plain.stdout).toMatch(/^✓ Compressed\n/);
    expect(plain.stdout).not.toContain(ESC);
  });
});

describe('--json', () => {
  it('launch: every stdout line is a JSON object, events first, the last line the result with the frame count', async () => {
    const r = await cli(['--json', 'launch', 'videotestsrc num-buffers=30 ! identity name=lydlr_stats0 silent=false ! fakesink']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(2);
    expect(records.slice(0, -1).map((e) => e.type)).toEqual(expect.arrayContaining(['state-changed', 'eos', 'stats']));
    expect(records.slice(0, -1).some((e) => e.type === 'result')).toBe(false);
    expect(records.at(-1)).toMatchObject({ type: 'result', ok: true, command: 'launch', eos: true, stats: { frames: 30 } });
  });

  it('a failure: the last line is the result with ok false, exitCode and the error; exit 3', async () => {
    const r = await cli(['--json', ...MISSING]);
    expect(r.exitCode).toBe(3);
    const last = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ type: 'result', ok: false, command: 'launch', exitCode: 3, error: { name: 'EnvironmentError', element: 'foobarenc' } });
    expect(r.stderr).toBe('');
  });
});

// In a pseudo-terminal made by util-linux's `script`: its size is 0×0 unless set with stty.
describe('at a terminal', () => {
  const inTerminal = async (setup: string, out: string) => {
    const command = `${setup}${process.execPath} ${BIN} compress test:smpte '${out}' --duration 3 --overwrite`;
    // Without CI in the environment: ora draws nothing after its first frame under CI (is-interactive).
    const { CI: _ci, ...env } = process.env;
    const r = await execa('script', ['-qec', command, '/dev/null'], { reject: false, timeout: 30_000, stdin: 'ignore', maxBuffer: 1_000_000, extendEnv: false, env: { ...env, NO_COLOR: '1' } });
    return { exitCode: r.exitCode, output: String(r.stdout), timedOut: r.timedOut };
  };

  it('a sized terminal gets the spinner and progress bar; one of no width gets plain lines (not endless line clearing)', async () => {
    const t = tempDir('lydlr-tty-');
    cleanups.push(t.cleanup);
    const sized = await inTerminal('stty cols 100 rows 30; ', join(t.dir, 'sized.mp4'));
    expect(sized.exitCode, sized.output.slice(-500)).toBe(0);
    expect(sized.output).toMatch(/\d+\.\d%\s+0:0\d\.\d \/ 0:03\.0/);
    expect(sized.output).toContain('✓ Compressed');

    const unsized = await inTerminal('', join(t.dir, 'unsized.mp4'));
    expect(unsized.timedOut).toBe(false);
    expect(unsized.exitCode, unsized.output.slice(-500)).toBe(0);
    expect(unsized.output).toContain('✓ Compressed');
    expect(unsized.output.length).toBeLessThan(5_000);
    expect(unsized.output).not.toContain(`${ESC}1A`);
  }, 60_000);
});
