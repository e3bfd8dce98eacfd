// Options → what the helper runs: a pipeline that ends in scaled raw video at an appsink, and whether
// to seek (a file) or take the next frame (a live source). Pure, so every decision is unit-testable.
import { UsageError } from '../../errors.js';
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, type Chain } from '../../pipeline/nodes.js';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import { imageFormatOf, type ImageFormat } from './image-format.js';
import type { SnapshotOptions } from './options.js';

/** The appsink the helper pulls the frame from. */
export const SINK_NAME = 'sink';

export interface SnapshotPlan {
  input: InputSpec;
  output: string;
  format: ImageFormat;
  /** Seconds to seek to (files only). */
  at: number | undefined;
  /** Take the next decoded frame instead of prerolling and seeking. */
  live: boolean;
  /** Seek to the keyframe at or before `at` (no decode up to it) instead of the exact frame. */
  fast: boolean;
  pipeline: PipelineBuilder;
}

// Refusals that need no probe, so they come before anything is spawned.
export function planSnapshot(options: SnapshotOptions): SnapshotPlan {
  const format = imageFormatOf(options.output);
  const input = parseInputSpec(options.input);
  if (input.kind === 'stdin') throw new UsageError('snapshot cannot seek in standard input.', { fix: 'Give a file, test, /dev/videoN or an rtsp:// URI.' });
  const live = input.kind !== 'file' && !(input.kind === 'uri' && !input.live);
  if (live && options.at !== undefined) {
    throw new UsageError(`--at needs a file to seek in; "${options.input}" is a live source.`, { fix: 'Drop --at: a live source gives its next picture.' });
  }
  if (live && options.fast) {
    throw new UsageError(`--fast picks a keyframe in a file; "${options.input}" is a live source.`, { fix: 'Drop --fast: a live source gives its next picture.' });
  }
  const pipeline = new PipelineBuilder([]).chain([...sourceChain(input), ...scaleChain(options.width, options.height)]).add('appsink', { sync: false, 'max-buffers': 1 }, SINK_NAME);
  return { input, output: options.output, format, at: options.at, live, fast: options.fast, pipeline };
}

function sourceChain(input: InputSpec): Chain {
  switch (input.kind) {
    case 'file':
      return [element('filesrc', { location: input.path }), element('decodebin')];
    case 'uri':
      return [element('uridecodebin', { uri: input.uri })];
    case 'device':
      return [element('v4l2src', { device: input.device }), element('decodebin')];
    case 'test':
      return [element('videotestsrc', { pattern: input.pattern }), caps('video/x-raw,width=1280,height=720')];
    default:
      throw new Error(`no source element for ${input.kind}`);
  }
}

// Square pixels always (a picture viewer ignores a stream's pixel aspect ratio). One dimension given:
// videoscale picks the other to keep the display aspect; both: the picture is fitted inside them with
// black borders (videoscale's add-borders).
function scaleChain(width: number | undefined, height: number | undefined): Chain {
  const dims = [width !== undefined ? `width=${width}` : '', height !== undefined ? `height=${height}` : ''].filter(Boolean);
  return [element('videoconvert'), element('videoscale'), caps(['video/x-raw', ...dims, 'pixel-aspect-ratio=1/1'].join(','))];
}
