// The audio step's pipeline: the input parsed (its video is never decoded), the chosen track counted by
// the stats probe as it leaves the demuxer (its first timestamp is where the input puts the audio), then
// copied or encoded as compress would, muxed alone into MP4 (Matroska for Vorbis).
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, ref } from '../../pipeline/nodes.js';
import { startProbe } from '../start-probe.js';
import { addAudioBranch } from '../compress/pipeline.js';
import type { ChunkAudioPlan } from './plan.js';

export function buildAudioPipeline(input: string, plan: ChunkAudioPlan, writeTo: string): PipelineBuilder {
  const muxer = plan.file === 'audio.mka' ? 'matroskamux' : 'mp4mux';
  let b = new PipelineBuilder([])
    .chain([element(muxer, {}, 'mux'), element('filesink', { location: writeTo })])
    .chain([element('filesrc', { location: input }), element('parsebin', {}, 'in')]);
  // Parsed pads link in track order to the waiting branches with their caps: earlier tracks to fakesinks.
  for (let i = 0; i < plan.skip; i++) b = b.chain([ref('in'), caps(plan.trackCaps), element('fakesink', { sync: false, async: false })]);
  b = b.chain([ref('in'), caps(plan.trackCaps), element('tee', {}, 't')]).chain(startProbe('t'));
  const head = plan.audio.mode === 'copy' ? [ref('t'), element('queue')] : [ref('t'), element('queue'), element('decodebin')];
  return addAudioBranch(b, head, plan.audio).queue().to('mux', 'audio_%u');
}
