// A stats probe beside the data, not in its way: a tee branch where identity (single-segment) turns each
// buffer's timestamps into running time, the clock every stream of the input shares, and a fakesink.
// In the data path single-segment would take the timestamps off buffers before the start (AAC priming,
// B-frames' early decode times), which a muxer refuses.
import { element, ref, type Chain } from '../pipeline/nodes.js';
import { STATS_PROBE_PREFIX } from '../gst/launch/stats.js';

/** The probe branch from the tee named `tee`; the run's startSeconds is then the stream's start. */
export function startProbe(tee: string): Chain {
  return [
    ref(tee),
    element('queue'),
    element('identity', { silent: false, 'single-segment': true }, `${STATS_PROBE_PREFIX}0`),
    element('fakesink', { sync: false, async: false }),
  ];
}
