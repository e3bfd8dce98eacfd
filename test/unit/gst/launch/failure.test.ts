// failureOf: a finished run → the typed error a command throws (exit 1, 2 or 3), or none.
import { describe, expect, it } from 'vitest';
import { failureOf, missingElement, PipelineError } from '../../../../src/gst/launch/failure.js';
import type { RunResult } from '../../../../src/gst/launch/runner.js';
import type { EventOf } from '../../../../src/gst/launch/events.js';
import { EnvironmentError, UsageError } from '../../../../src/errors.js';
import { parseFixture } from './launch-fixtures.js';

function run(overrides: Partial<RunResult> = {}): RunResult {
  return {
    command: 'gst-launch-1.0 -m -e -v --force-position fakesrc ! fakesink',
    exitCode: 0,
    signal: undefined,
    interrupted: false,
    eos: true,
    killed: false,
    errors: [],
    warnings: [],
    stats: { frames: null, bytes: null, errors: 0, warnings: 0, uptimeSeconds: 0 },
    durationMs: 10,
    stderrTail: [],
    ...overrides,
  };
}

const errorsOf = (fixture: string) => parseFixture(fixture).filter((e): e is EventOf<'error'> => e.type === 'error');

describe('failureOf on recorded runs', () => {
  it('missing-file: PipelineError (exit 1) naming filesrc0, its message, and the last debug line as the fix', () => {
    const error = failureOf(run({ exitCode: 1, eos: false, errors: errorsOf('missing-file') }));
    expect(error).toBeInstanceOf(PipelineError);
    const e = error as PipelineError;
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe('Pipeline failed: filesrc0: Resource not found.');
    expect(e.element).toBe('filesrc0');
    expect(e.gstMessage).toBe('Resource not found.');
    expect(e.debug).toBe('../plugins/elements/gstfilesrc.c(553): gst_file_src_start (): /GstPipeline:pipeline0/GstFileSrc:filesrc0:\nNo such file "/nonexistent"');
    expect(e.fix).toBe('GStreamer says: No such file "/nonexistent"');
    expect(e.data).toMatchObject({ element: 'filesrc0', gstCommand: 'gst-launch-1.0 -m -e -v --force-position fakesrc ! fakesink', processExitCode: 1 });
  });

  it('no-element "foobarenc": EnvironmentError (exit 3) with the element and a search hint (no Debian package known)', () => {
    const error = failureOf(run({ exitCode: 1, errors: errorsOf('no-element') }));
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error).toMatchObject({ exitCode: 3, message: 'GStreamer element "foobarenc" is not installed.', data: { element: 'foobarenc', package: undefined } });
    expect(error?.fix).toBe('Find the plugin that provides "foobarenc" (lydlr-gst plugins --search foobarenc).');
  });

  it.each([
    ['link-error', 'Invalid pipeline: could not link x264enc0 to vp8dec0.'],
    ['syntax-error', 'Invalid pipeline: syntax error.'],
  ])('%s: UsageError (exit 2) "%s"', (fixture, message) => {
    const error = failureOf(run({ exitCode: 1, errors: errorsOf(fixture) }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2, message });
  });

  it('interrupt fixture (SIGINT, EOS, exit 0): no failure', () => {
    const events = parseFixture('interrupt');
    expect(failureOf(run({ interrupted: events.some((e) => e.type === 'interrupt'), errors: errorsOf('interrupt') }))).toBeUndefined();
  });
});

describe('failureOf without error events', () => {
  it('a clean exit 0 is no failure', () => {
    expect(failureOf(run())).toBeUndefined();
  });

  it('exit 1 with no ERROR block: PipelineError that says the exit code', () => {
    expect(failureOf(run({ exitCode: 1, eos: false }))?.message).toBe('Pipeline failed: gst-launch-1.0 exited with code 1 without reporting an error');
  });

  it('killed by a signal: PipelineError that names the signal', () => {
    const error = failureOf(run({ exitCode: undefined, signal: 'SIGSEGV', eos: false }));
    expect(error).toMatchObject({ exitCode: 1, message: 'Pipeline failed: gst-launch-1.0 exited with SIGSEGV without reporting an error' });
  });

  it('stopped and ended by EOS (not killed): no failure even with a non-zero code', () => {
    expect(failureOf(run({ interrupted: true, exitCode: 130 }))).toBeUndefined();
  });

  it('stopped but had to be killed (EOS never came): a failure', () => {
    expect(failureOf(run({ interrupted: true, killed: true, exitCode: undefined, signal: 'SIGKILL', eos: false }))).toBeInstanceOf(PipelineError);
  });
});

describe('missingElement', () => {
  it.each([
    ['x264enc', 'apt-get install -y gstreamer1.0-plugins-ugly'],
    ['hlssink2', 'apt-get install -y gstreamer1.0-plugins-bad'],
    ['avdec_h264', 'apt-get install -y gstreamer1.0-libav'],
  ])('%s → fix "%s"', (element, fix) => {
    expect(missingElement(element)).toMatchObject({ exitCode: 3, fix });
  });
});
