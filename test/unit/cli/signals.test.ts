// SIGINT/SIGTERM go to the running command's interrupt handlers, counted; with none, the process exits 130.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installSignalHandlers, setActiveContext } from '../../../src/cli/signals.js';
import { CommandContext } from '../../../src/jobs/context.js';
import { JsonReporter } from '../../../src/report/json.js';
import { capture } from '../report/capture.js';

const options = { json: true, quiet: false, color: false, logLevel: 'info' as const, gstDebug: undefined };
const newContext = () => new CommandContext('x', options, new JsonReporter({ ...options, stdout: capture().stream }));

// Only the listeners this file adds are removed afterwards (vitest has its own).
const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
beforeAll(() => installSignalHandlers());
afterAll(() => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(signal)) if (!before[signal].includes(l)) process.off(signal, l);
  }
  setActiveContext(undefined);
});

// process.emit(signal, signal) calls the listeners as Node does on a real signal (with its name).
describe('signal handling', () => {
  it('hands SIGINT then SIGTERM to the active command with a rising count, and does not exit', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const ctx = newContext();
    const seen: [string, number][] = [];
    ctx.onInterrupt((signal, count) => seen.push([signal, count]));
    setActiveContext(ctx);
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGTERM', 'SIGTERM');
    expect(seen.map(([s]) => s)).toEqual(['SIGINT', 'SIGTERM']);
    expect(seen[1]![1]).toBe(seen[0]![1] + 1);
    expect(exit).not.toHaveBeenCalled();
    exit.mockRestore();
  });

  it('exits 130 when the active command took no handler', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    setActiveContext(newContext());
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    exit.mockRestore();
  });

  it('exits 130 when no command is running', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    setActiveContext(undefined);
    process.emit('SIGTERM', 'SIGTERM');
    expect(exit).toHaveBeenCalledWith(130);
    exit.mockRestore();
  });

  it('an unsubscribed handler is no longer called', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const ctx = newContext();
    let calls = 0;
    const off = ctx.onInterrupt(() => (calls += 1));
    off();
    setActiveContext(ctx);
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toBe(0);
    expect(exit).toHaveBeenCalledWith(130);
    exit.mockRestore();
  });
});
