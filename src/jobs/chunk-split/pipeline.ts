// The split: the input's video parsed, never decoded, cut by splitmuxsink at the first keyframe that
// would make a chunk longer than asked, each chunk a QuickTime or Matroska file (chunkFormat).
// The stats probe counts the frames, which the join must give back one for one, and says when the
// video starts.
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element } from '../../pipeline/nodes.js';
import { startProbe } from '../start-probe.js';
import type { ChunkFormat } from '../chunk-work.js';

export interface SplitPipeline {
  input: string;
  /** The caps name of the video stream to split (video/x-h264…). */
  videoCaps: string;
  /** Folder the chunks are written to (source-00000.mov, source-00001.mov…). */
  folder: string;
  format: ChunkFormat;
  chunkSeconds: number;
}

export function buildSplitPipeline(p: SplitPipeline): PipelineBuilder {
  // splitmuxsink's location is a printf pattern: a % in the folder's name must be doubled.
  const pattern = `${p.folder.replace(/%/g, '%%')}/source-%05d.${p.format}`;
  return new PipelineBuilder([])
    .chain([element('filesrc', { location: p.input }), element('parsebin', {}, 'in')])
    .from('in')
    .nodes([caps(p.videoCaps), element('tee', {}, 't')])
    .chain(startProbe('t'))
    .from('t')
    .queue({})
    .add('splitmuxsink', { location: pattern, muxer: p.format === 'mov' ? 'qtmux' : 'matroskamux', 'max-size-time': Math.round(p.chunkSeconds * 1e9) });
}
