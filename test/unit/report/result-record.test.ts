// The --json result record (last stdout line) for results and for thrown errors; the run summary line.
import { describe, expect, it } from 'vitest';
import { errorRecord, resultRecord } from '../../../src/report/result-record.js';
import { runSummaryLines } from '../../../src/report/run-summary.js';
import { EnvironmentError, InterruptedError, JobError, UsageError } from '../../../src/errors.js';
import type { RunResult } from '../../../src/gst/launch/runner.js';

describe('resultRecord', () => {
  it('puts type, ok and command first and spreads the data', () => {
    expect(resultRecord('hls', { ok: true, data: { playlist: 'a.m3u8' } })).toEqual({ type: 'result', ok: true, command: 'hls', playlist: 'a.m3u8' });
  });
});

describe('errorRecord', () => {
  it.each([
    [new UsageError('bad flag', { fix: 'use --x' }), 2, 'UsageError', 'use --x'],
    [new EnvironmentError('no x264enc', { fix: 'apt-get install -y gstreamer1.0-plugins-ugly' }), 3, 'EnvironmentError', 'apt-get install -y gstreamer1.0-plugins-ugly'],
    [new JobError('failed'), 1, 'JobError', undefined],
    [new InterruptedError(), 130, 'InterruptedError', undefined],
  ])('%s → exit %s, name %s, fix %s', (error, exitCode, name, fix) => {
    expect(errorRecord('cmd', error)).toEqual({ type: 'result', ok: false, command: 'cmd', exitCode, error: { name, message: error.message, fix } });
  });

  it('carries a typed error\'s data fields into error', () => {
    const record = errorRecord('launch', new UsageError('Invalid pipeline', { data: { gstMessage: 'syntax error' } }));
    expect(record.error).toMatchObject({ gstMessage: 'syntax error' });
  });

  it('an unknown error is exit 1 named Error, without a stack', () => {
    const record = errorRecord('x', new TypeError('oops'));
    expect(record).toEqual({ type: 'result', ok: false, command: 'x', exitCode: 1, error: { name: 'Error', message: 'oops', fix: undefined } });
    expect(JSON.stringify(record)).not.toContain('at ');
  });

  it('a thrown non-Error becomes its string', () => {
    expect(errorRecord('x', 'plain').error).toMatchObject({ message: 'plain' });
  });
});

describe('runSummaryLines', () => {
  const base: RunResult = {
    command: 'gst-launch-1.0', exitCode: 0, signal: undefined, interrupted: false, eos: true, killed: false, errors: [], warnings: [],
    stats: { frames: 30, bytes: 1_536_000, errors: 0, warnings: 0, uptimeSeconds: 1 }, durationMs: 1234, stderrTail: [],
  };

  it.each([
    [{}, '✓ Pipeline finished (EOS) in 1.23 s · 30 frames · 1.5 MB'],
    [{ eos: false, interrupted: true }, '✓ Pipeline stopped in 1.23 s · 30 frames · 1.5 MB'],
    [{ eos: false, stats: { frames: null, bytes: null, errors: 0, warnings: 1, uptimeSeconds: 1 } }, '✓ Pipeline ended in 1.23 s · 1 warning'],
    [{ stats: { frames: 0, bytes: 0, errors: 0, warnings: 2, uptimeSeconds: 1 } }, '✓ Pipeline finished (EOS) in 1.23 s · 0 frames · 0 B · 2 warnings'],
  ])('%j → %s', (change, line) => {
    expect(runSummaryLines({ ...base, ...change })).toEqual([line]);
  });
});
