// Standard input (`-`) as a job's input. gst-launch reads it directly (fdsrc fd=0), so an empty one would
// end in typefind's "Stream doesn't contain enough data" and a terminal would wait forever: both are
// refused with exit 2. /dev/null, an empty file and a terminal are seen before anything is spawned;
// an empty pipe cannot be looked into without consuming it, so its typefind failure is translated after.
import { fstatSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { LydlrError } from '../errors.js';
import { PipelineError } from '../gst/launch/failure.js';

export function requireStdinData(): void {
  const stdin = fstatSync(0);
  if (stdin.isCharacterDevice() && process.stdin.isTTY) {
    throw new UsageError('The input is standard input (-), but it is a terminal: nothing is piped in.', {
      fix: 'Pipe the video in, e.g. cat clip.ts | lydlr-gst compress - out.mp4, or give its path.',
    });
  }
  const devNull = statSync('/dev/null');
  if ((stdin.isFile() && stdin.size === 0) || (stdin.isCharacterDevice() && stdin.rdev === devNull.rdev)) throw emptyStdin();
}

// typefind's verdict on a stream that ended before a single byte of media is the empty-input refusal.
export function emptyStdinOr(failure: LydlrError): LydlrError {
  const empty = failure instanceof PipelineError && /^typefind/.test(failure.element ?? '') && /doesn't contain enough data/.test(failure.gstMessage);
  return empty ? emptyStdin() : failure;
}

function emptyStdin(): UsageError {
  return new UsageError('The input is standard input (-), and it is empty.', {
    fix: 'Pipe the video in, e.g. cat clip.ts | lydlr-gst compress - out.mp4, or give its path.',
  });
}
