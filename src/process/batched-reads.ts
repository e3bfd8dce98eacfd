// Reads a chatty child's output pipe in batches. gst-launch -v prints a line or two per frame, each
// flushed on its own, so a plain reader wakes up hundreds of times per second of media, and each
// wake-up costs this process CPU (~0.15-0.3 ms here; 70 ms of a 6 s 720p encode's 7 s). After each
// read the pipe is left alone for `pauseMs`; what the child writes meanwhile waits in the kernel's pipe
// buffer (64 KiB; past that its write waits too, which for gst-launch holds only its bus printing, not
// the streaming threads). Lines arrive up to `pauseMs` late, so only jobs that react to no message in
// a hurry use this.
//
// Readable.pause() cannot do it: a paused socket keeps reading into its own buffer up to its high-water
// mark, one wake-up per write. Only the pipe handle's readStop() leaves the bytes in the kernel; the
// handle is Node's internal one, so without it (another runtime) reads simply stay immediate.
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

interface PipeHandle {
  readStart(): number;
  readStop(): number;
}

export function readInBatches(stream: Readable, child: ChildProcess, pauseMs: number): void {
  const handle = (stream as unknown as { _handle?: Partial<PipeHandle> })._handle;
  if (typeof handle?.readStop !== 'function' || typeof handle.readStart !== 'function') return;
  const pipe = handle as PipeHandle;
  let timer: NodeJS.Timeout | undefined;
  let exited = false;
  const resume = () => {
    timer = undefined;
    pipe.readStart();
  };
  stream.on('data', () => {
    if (exited || timer !== undefined) return;
    pipe.readStop();
    timer = setTimeout(resume, pauseMs);
  });
  // The rest, and the end of file, at once: 'close' (the run's result) waits for it.
  child.once('exit', () => {
    exited = true;
    if (timer === undefined) return;
    clearTimeout(timer);
    resume();
  });
}
