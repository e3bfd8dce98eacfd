// graph: a picture of a pipeline without running it to its end: started, drawn once PLAYING, stopped.
import { positiveNumber } from '../flags.js';
import { defineJob } from '../spec.js';

export interface GraphCommandFlags {
  timeout: number;
  overwrite?: boolean;
}

export const graph = defineJob({
  command: ['graph'],
  summary: 'draw a pipeline (SVG, PNG or DOT) as it is once PLAYING, with the negotiated caps, without running it to its end',
  args: [
    { name: 'pipeline', required: true, help: 'pipeline description, as one quoted string' },
    { name: 'output', required: true, help: 'the picture: FILE.svg, FILE.png (needs graphviz) or FILE.dot' },
  ],
  flags: [
    { flags: '--timeout <seconds>', help: 'how long the pipeline may take to reach PLAYING; then the state it got to is drawn', parse: positiveNumber('--timeout'), default: 10 },
    { flags: '-y, --overwrite', help: 'replace an existing picture' },
  ],
  help: `
Examples:
  $ lydlr-gst graph "videotestsrc ! videoconvert ! x264enc ! h264parse ! fakesink" pipeline.svg
  $ lydlr-gst graph "filesrc location=in.mp4 ! decodebin ! autovideosink" decode.dot
  $ lydlr-gst graph "rtspsrc location=rtsp://cam.local/stream ! fakesink" cam.png --timeout 20

The pipeline is started, drawn from GStreamer's own dump once it is PLAYING (the caps on the links
are the negotiated ones), then stopped with EOS: its sinks run briefly, so prefer fakesink over a
filesink you care about. A pipeline that does not reach PLAYING within --timeout is drawn as it got
(PAUSED: a live source that never prerolls, or a network source that does not answer); one that fails
is drawn at its error.

Exit codes: 0 drawn · 1 it failed at run time (drawn at the error) · 2 the description is invalid · 3 an element is missing`,
  load: async () => (await import('./entry.js')).drawPipeline,
});
