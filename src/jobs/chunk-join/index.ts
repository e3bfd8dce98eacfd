// chunk join: the last step of a chunked encode (queue add --chunk): the encoded chunks joined without
// re-encoding, with the audio encoded once, into the output.
import { need } from '../../health/needs.js';
import { defineJob } from '../spec.js';
import type { VideoCodec } from '../../pipeline/codecs.js';
import { CHUNK_CODECS } from '../chunk-codecs.js';

export interface ChunkJoinFlags {
  codec: VideoCodec;
  withAudio?: boolean;
  overwrite?: boolean;
}

export const chunkJoin = defineJob({
  command: ['chunk', 'join'],
  summary: 'join encoded chunks without re-encoding, with the audio, into the output (a step of `queue add --chunk`)',
  args: [
    { name: 'work-dir', required: true, help: 'the chunked encode\'s work folder (split.json, encoded-00000.mp4…, audio)' },
    { name: 'output', required: true, help: 'the output file (its extension picks the container)' },
  ],
  flags: [
    { flags: '-c, --codec <codec>', help: 'the chunks\' video codec', choices: CHUNK_CODECS, required: true },
    { flags: '--with-audio', help: 'mux the audio `chunk audio` wrote (refused when it is missing)' },
    { flags: '-y, --overwrite', help: 'replace an existing output' },
  ],
  help: `
Examples:
  $ lydlr-gst chunk join /shared/out/.film.work /shared/out/film.mp4 --codec h264 --with-audio

The output is written to a hidden temporary name and renamed only when it holds exactly the frames the
split counted; then the work folder is removed. A join that finds no work folder but the output in
place ran before, and has nothing to do.`,
  requires: { elements: [need('joining chunks', ['filesrc', 'qtdemux', 'concat', 'identity', 'parsebin'])], python: [] },
  load: async () => (await import('./entry.js')).runChunkJoin,
});
