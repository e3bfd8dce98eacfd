// The human and JSON reporters: what goes to stdout, what to stderr, under each global option.
import { describe, expect, it } from 'vitest';
import { HumanReporter } from '../../../src/report/human.js';
import { JsonReporter } from '../../../src/report/json.js';
import { shouldLog, type LogLevel, type ReporterOptions } from '../../../src/report/reporter.js';
import { capture } from './capture.js';

function make(kind: 'human' | 'json', options: Partial<ReporterOptions> = {}) {
  const out = capture();
  const err = capture();
  const opts: ReporterOptions = { json: kind === 'json', quiet: false, color: false, logLevel: 'info', stdout: out.stream, stderr: err.stream, ...options };
  const reporter = kind === 'json' ? new JsonReporter(opts) : new HumanReporter(opts);
  return { reporter, out: out.text, err: err.text };
}

function logAll(reporter: { log: (level: LogLevel, message: string) => void }): void {
  for (const level of ['error', 'warn', 'info', 'debug'] as const) reporter.log(level, `${level} line`);
}

describe('shouldLog', () => {
  it.each([
    ['error', 'error', true], ['error', 'warn', false],
    ['warn', 'warn', true], ['warn', 'info', false],
    ['info', 'info', true], ['info', 'debug', false],
    ['debug', 'debug', true], ['debug', 'error', true],
  ] as const)('--log-level %s shows a %s message: %s', (chosen, level, shown) => {
    expect(shouldLog(chosen, level)).toBe(shown);
  });
});

describe.each(['human', 'json'] as const)('%s reporter logging', (kind) => {
  it.each([
    ['error', 'error line\n'],
    ['warn', 'error line\nwarn line\n'],
    ['info', 'error line\nwarn line\ninfo line\n'],
    ['debug', 'error line\nwarn line\ninfo line\ndebug line\n'],
  ] as const)('--log-level %s: stderr gets exactly the allowed levels, stdout nothing', (logLevel, expected) => {
    const r = make(kind, { logLevel });
    logAll(r.reporter);
    expect(r.err()).toBe(expected);
    expect(r.out()).toBe('');
  });

  it('--quiet keeps only errors, even at --log-level debug', () => {
    const r = make(kind, { quiet: true, logLevel: 'debug' });
    logAll(r.reporter);
    expect(r.err()).toBe('error line\n');
  });
});

describe('HumanReporter', () => {
  it('colours errors red and warnings yellow only when color is on', () => {
    const plain = make('human');
    plain.reporter.log('error', 'bad');
    expect(plain.err()).toBe('bad\n');
    const coloured = make('human', { color: true });
    coloured.reporter.log('error', 'bad');
    coloured.reporter.log('warn', 'hmm');
    expect(coloured.err()).toBe('\u001b[31mbad\u001b[39m\n\u001b[33mhmm\u001b[39m\n');
  });

  it('prints the result lines on stdout, not the record', () => {
    const r = make('human');
    r.reporter.result({ type: 'result', ok: true, command: 'launch' }, ['✓ done', 'second']);
    expect(r.out()).toBe('✓ done\nsecond\n');
    expect(r.err()).toBe('');
  });

  it('a result without lines prints nothing', () => {
    const r = make('human');
    r.reporter.result({ type: 'result', ok: true, command: 'launch' });
    expect(r.out()).toBe('');
  });

  it('a pipeline warning event is logged as "element: message" on stderr', () => {
    const r = make('human');
    r.reporter.event({ type: 'warning', element: 'queue0', message: 'Internal data stream error.' });
    r.reporter.event({ type: 'warning', message: 'no element' });
    expect(r.err()).toBe('queue0: Internal data stream error.\nno element\n');
  });

  it('an app event with a message is info chatter; an error event is not logged (the error report says it)', () => {
    const r = make('human');
    r.reporter.event({ type: 'client-connected', message: 'client 1 joined' });
    r.reporter.event({ type: 'error', kind: 'runtime', message: 'boom' });
    expect(r.err()).toBe('client 1 joined\n');
  });

  it('progress and status lines never reach a non-terminal stderr', () => {
    const r = make('human');
    r.reporter.event({ type: 'progress', positionSeconds: 1, percent: 10 });
    r.reporter.event({ type: 'status', message: 'Encoding…' });
    r.reporter.event({ type: 'state-changed', element: 'pipeline0', isPipeline: true, oldState: 'paused', newState: 'playing', pendingState: 'void-pending' });
    expect(r.err()).toBe('');
    expect(r.out()).toBe('');
  });
});

describe('JsonReporter', () => {
  it('writes every event and the result as one JSON object per stdout line, in order', () => {
    const r = make('json');
    r.reporter.event({ type: 'progress', positionSeconds: 1.5, percent: 50 });
    r.reporter.event({ type: 'eos' });
    r.reporter.result({ type: 'result', ok: true, command: 'launch', frames: 30 });
    expect(r.out()).toBe('{"type":"progress","positionSeconds":1.5,"percent":50}\n{"type":"eos"}\n{"type":"result","ok":true,"command":"launch","frames":30}\n');
    expect(r.err()).toBe('');
  });

  it('ignores the human lines of a result', () => {
    const r = make('json');
    r.reporter.result({ type: 'result', ok: false, command: 'x' }, ['✗ human text']);
    expect(r.out()).toBe('{"type":"result","ok":false,"command":"x"}\n');
  });
});
