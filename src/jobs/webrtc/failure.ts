// The helper's exit (code + its last error event) → the typed error a person can act on.
import { EnvironmentError, JobError, type LydlrError } from '../../errors.js';
import { missingElement } from '../../gst/launch/failure.js';
import { HELPER_PACKAGES } from '../../server/python.js';
import { describeExit, type HelperExit } from '../../server/helper-process.js';

// Exit 3: an element or the bindings; 2: a config or media description we made wrong; 1: the media failed.
export function helperFailure(exit: HelperExit, phase: 'starting' | 'running'): LydlrError {
  const event = exit.error;
  const message = typeof event?.message === 'string' ? event.message : undefined;
  const data = { helperExit: exit.exitCode, signal: exit.signal, code: event?.code, element: event?.element, debug: event?.debug, stderrTail: exit.stderrTail.slice(-10) };
  if (exit.exitCode === 3) {
    const element = /no element "([^"]+)"/.exec(message ?? '')?.[1] ?? (/webrtcbin/.test(message ?? '') ? 'webrtcbin' : undefined);
    if (event?.code === 'missing-element' && element) return missingElement(element);
    return new EnvironmentError(`The WebRTC helper cannot run: ${message ?? 'a GStreamer part is missing'}.`, { fix: `apt-get install -y ${HELPER_PACKAGES.join(' ')}`, data });
  }
  const why = message ?? `it ended with ${describeExit(exit)}${exit.stderrTail.length > 0 ? `: ${exit.stderrTail.at(-1)}` : ''}`;
  const where = typeof event?.element === 'string' ? `${event.element}: ` : '';
  return new JobError(`The WebRTC media pipeline failed while ${phase}: ${where}${why}`, {
    fix: 'Re-run with --gst-debug 3 for GStreamer\'s own log.',
    data,
  });
}
