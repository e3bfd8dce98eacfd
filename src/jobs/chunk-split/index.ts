// chunk split: the first step of a chunked encode (queue add --chunk): the input's video cut at
// keyframes into chunks, without decoding, in a work folder on shared storage.
import { need } from '../../health/needs.js';
import { defineJob } from '../spec.js';
import { parseChunkLength } from '../chunk-length.js';

export interface ChunkSplitFlags {
  chunk: number;
}

export const chunkSplit = defineJob({
  command: ['chunk', 'split'],
  summary: 'split a file\'s video at keyframes into chunks, without decoding (a step of `queue add --chunk`)',
  args: [
    { name: 'input', required: true, help: 'the video file' },
    { name: 'work-dir', required: true, help: 'folder for the chunks (source-00000.mov…) and split.json; created when missing' },
  ],
  flags: [
    { flags: '--chunk <duration>', help: 'longest chunk: a new one starts at the last keyframe that keeps it this short (at least 2s)', parse: parseChunkLength, required: true },
  ],
  help: `
Examples:
  $ lydlr-gst chunk split film.mp4 /shared/out/.film.work --chunk 30s
  $ lydlr-gst --json chunk split film.mp4 work --chunk 1m | jq .chunks

The video is parsed, never decoded: the split runs at disk speed. Audio and subtitles are left out
(\`chunk audio\` encodes the audio once, over the whole file). split.json is written last; a split that
finds it has nothing to do. \`queue add --chunk\` runs this step, one compress per chunk, \`chunk audio\`
and \`chunk join\` on workers; run them by hand only to see or debug a step.`,
  requires: { elements: [need('splitting at keyframes', ['filesrc', 'parsebin', 'splitmuxsink', 'qtmux', 'matroskamux'])], python: [] },
  load: async () => (await import('./entry.js')).runChunkSplit,
});
