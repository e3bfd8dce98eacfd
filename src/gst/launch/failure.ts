// Turns a finished run into the right typed error (or none): exit 1, 2, 3 or 130.
import { EnvironmentError, ExitCode, LydlrError, UsageError, type ExitCodeValue } from '../../errors.js';
import type { EventOf } from './events.js';
import type { RunResult } from './runner.js';
import { packageForElement } from '../inspect/element-packages.js';

// A pipeline that ran and failed: everything needed to understand and reproduce it.
export class PipelineError extends LydlrError {
  readonly command: string;
  readonly element: string | undefined;
  readonly gstMessage: string;
  readonly debug: string | undefined;
  readonly processExitCode: number | undefined;
  readonly signal: string | undefined;
  readonly stderrTail: string[];

  constructor(result: RunResult, error: EventOf<'error'> | undefined, exitCode: ExitCodeValue = ExitCode.failed) {
    const where = error?.element ? `${error.element}: ` : '';
    const what = error?.message ?? `gst-launch-1.0 exited with ${result.signal ?? `code ${result.exitCode}`} without reporting an error`;
    super(`Pipeline failed: ${where}${what}`, exitCode, {
      fix: error?.debug ? `GStreamer says: ${error.debug.split('\n').pop()}` : 'Re-run with --gst-debug 3 for GStreamer\'s own log.',
      data: {
        element: error?.element,
        gstMessage: error?.message,
        debug: error?.debug,
        gstCommand: result.command,
        processExitCode: result.exitCode,
        signal: result.signal,
      },
    });
    this.command = result.command;
    this.element = error?.element;
    this.gstMessage = what;
    this.debug = error?.debug;
    this.processExitCode = result.exitCode;
    this.signal = result.signal;
    this.stderrTail = result.stderrTail;
  }
}

// Undefined when the run succeeded (or was stopped cleanly); else the error to throw.
export function failureOf(result: RunResult): LydlrError | undefined {
  const first = result.errors[0];
  if (first?.kind === 'no-element' && first.element && isCapsInPlaceOfElement(first.element, result.command)) {
    return capsInPlaceOfElement(first.element, first.message, result.command);
  }
  if (first?.kind === 'no-element' && first.element) return missingElement(first.element);
  if (first && (first.kind === 'syntax' || first.kind === 'link' || first.kind === 'other')) {
    return new UsageError(`Invalid pipeline: ${first.message}.`, {
      fix: 'Check the pipeline syntax (elements separated by "!", properties as name=value); try it with `lydlr-gst launch --dry-run`.',
      data: { gstMessage: first.message, gstCommand: result.command },
    });
  }
  if (first) return new PipelineError(result, first);
  if (result.interrupted && !result.killed) return undefined;
  if (result.exitCode !== 0 || result.signal) return new PipelineError(result, undefined);
  return undefined;
}

// Top-level caps media types. gst-launch's lexer reads caps where an element belongs as an
// element named after the part before "/", so `no element "video"` means misplaced caps.
const CAPS_MEDIA_TYPES = new Set(['video', 'audio', 'image', 'application', 'text', 'subpicture', 'closedcaption', 'multipart']);

function isCapsInPlaceOfElement(name: string, command: string): boolean {
  return CAPS_MEDIA_TYPES.has(name) && new RegExp(`(^|[\\s!'"])${name}/`).test(command);
}

// Exit 2, not "plugin missing": the description is wrong, and installing packages cannot fix it.
function capsInPlaceOfElement(mediaType: string, gstMessage: string, command: string): UsageError {
  return new UsageError(`Invalid pipeline: caps "${mediaType}/…" stand where GStreamer expects an element (gst-launch-1.0: ${gstMessage}).`, {
    fix: 'gst-launch-1.0 takes one caps filter between two elements. Two caps in a row: merge them into one '
      + '(video/x-raw,width=1280,height=720,format=I420) or make the second an element (capsfilter caps="video/x-raw,format=I420"). '
      + 'Otherwise a "!" is missing before the caps.',
    data: { gstMessage, gstCommand: command, capsMediaType: mediaType },
  });
}

// A missing element, with the Debian package that provides it (exit 3).
export function missingElement(element: string): EnvironmentError {
  const pkg = packageForElement(element);
  return new EnvironmentError(`GStreamer element "${element}" is not installed.`, {
    fix: pkg ? `apt-get install -y ${pkg}` : `Find the plugin that provides "${element}" (lydlr-gst plugins --search ${element}).`,
    data: { element, package: pkg },
  });
}
