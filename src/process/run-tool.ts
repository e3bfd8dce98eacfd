// Runs a short-lived tool (gst-inspect-1.0, gst-discoverer-1.0, python3 -c, nvidia-smi, dpkg-query) to completion: argv, no
// shell, no stdin, output captured. node:child_process rather than execa: these run on every job's
// start-up path, and importing execa costs 70–85 ms there (bench/), more than the probe itself.
import { execFile } from 'node:child_process';
import { guardedCommand } from './guard.js';

export interface ToolRun {
  /** undefined when the tool could not be started or was killed (see `failure`). */
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why there is no exit code: spawn error or signal. */
  failure: string | undefined;
}

export interface ToolOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

// Settles (never rejects) when the tool has exited; `kill` ends it early. Like every child of ours,
// it dies with us even when we are SIGKILLed (setpriv --pdeathsig, guard.ts).
export function runTool(file: string, args: string[], options: ToolOptions): { done: Promise<ToolRun>; kill: () => void } {
  let timedOut = false;
  let killed = false;
  let child: ReturnType<typeof execFile> | undefined;
  const done = new Promise<ToolRun>((resolve) => {
    const [guardedFile, guardedArgs] = guardedCommand(file, args);
    child = execFile(
      guardedFile,
      guardedArgs,
      { env: options.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, // far above a full gst-inspect listing (~80 kB)
      (error, stdout, stderr) => {
        clearTimeout(timer);
        const failed = error as (NodeJS.ErrnoException & { code?: number | string; signal?: string }) | null;
        const exitCode = !failed ? 0 : typeof failed.code === 'number' ? failed.code : undefined;
        const failure = exitCode !== undefined ? undefined : killed ? 'stopped' : (failed?.signal ? `killed by ${failed.signal}` : failed?.message);
        resolve({ exitCode, stdout: String(stdout), stderr: String(stderr), timedOut, failure });
      },
    );
    child.stdin?.end();
    const timer = setTimeout(() => {
      timedOut = true;
      child?.kill('SIGKILL');
    }, options.timeoutMs);
  });
  const kill = () => {
    killed = true;
    child?.kill('SIGKILL');
  };
  return { done, kill };
}
