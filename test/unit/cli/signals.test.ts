// SIGINT/SIGTERM become stop requests of the running job (graceful, then hard); with no job acting
// on stops, the process exits 130.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installSignalHandlers, setActiveContext } from '../../../src/cli/signals.js';
import { JobContext } from '../../../src/jobs/context.js';
import { JsonReporter } from '../../../src/report/json.js';
import { capture } from '../report/capture.js';

const options = { json: true, quiet: false, color: false, logLevel: 'info' as const, gstDebug: undefined };
const newContext = () => new JobContext('x', options, new JsonReporter({ ...options, stdout: capture().stream }));

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
  it('SIGINT asks the active job for a graceful stop, SIGTERM then for a hard one; the process does not exit', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const ctx = newContext();
    const seen: [boolean, string][] = [];
    ctx.stop.onStop((hard, reason) => seen.push([hard, reason]));
    setActiveContext(ctx);
    process.emit('SIGINT', 'SIGINT');
    expect(ctx.stop.signal.aborted).toBe(true);
    expect(ctx.stop.hardSignal.aborted).toBe(false);
    process.emit('SIGTERM', 'SIGTERM');
    expect(seen).toEqual([[false, 'SIGINT'], [true, 'SIGTERM']]);
    expect(ctx.stop.hardSignal.aborted).toBe(true);
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
    const off = ctx.stop.onStop(() => (calls += 1));
    off();
    setActiveContext(ctx);
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toBe(0);
    expect(exit).toHaveBeenCalledWith(130);
    exit.mockRestore();
  });
});
