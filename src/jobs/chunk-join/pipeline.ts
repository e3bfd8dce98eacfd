// The join: the encoded chunks one after another through concat (each chunk's timestamps carried on
// from where the previous one ended), parsed once, counted, and muxed with the audio encoded once.
import { PipelineBuilder } from '../../pipeline/builder.js';
import { element, ref } from '../../pipeline/nodes.js';
import { CODECS, type Container, type VideoCodec } from '../../pipeline/codecs.js';
import { CONTAINER_SPECS } from '../../pipeline/containers.js';
import { STATS_PROBE_PREFIX } from '../../gst/launch/stats.js';

export interface JoinPipeline {
  /** The encoded chunks, in order (MP4). */
  chunks: string[];
  audio: string | undefined;
  codec: VideoCodec;
  container: Container;
  writeTo: string;
}

export function buildJoinPipeline(p: JoinPipeline): PipelineBuilder {
  const spec = CONTAINER_SPECS[p.container];
  let b = new PipelineBuilder([])
    .chain([element(spec.muxer, {}, 'mux'), element('filesink', { location: p.writeTo })])
    .chain([element('concat', {}, 'c'), element(CODECS[p.codec].parser ?? 'identity'), element('identity', { silent: false }, `${STATS_PROBE_PREFIX}0`)])
    .queue()
    .to('mux', spec.videoPad);
  // concat plays its inputs in the order their pads were requested. A demuxer's pad appears later, in
  // its own thread (any order); identity's pad exists at once, so each chunk's link is made here, in order.
  for (const chunk of p.chunks) b = b.chain([element('filesrc', { location: chunk }), element('qtdemux'), element('identity'), ref('c')]);
  if (p.audio) b = b.chain([element('filesrc', { location: p.audio }), element('parsebin'), element('queue'), ref('mux', spec.audioPad)]);
  return b;
}
