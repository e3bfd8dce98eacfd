// chunk audio: a step of a chunked encode (queue add --chunk): the audio of the whole input, once.
import { AAC, need } from '../../health/needs.js';
import { CONTAINERS } from '../../pipeline/codecs.js';
import { defineJob } from '../spec.js';
import { AUDIO_MODES, type AudioMode } from '../compress/audio-modes.js';
import { parseAudioTrack, type AudioTrackChoice } from '../audio-track.js';
import type { Container } from '../../pipeline/codecs.js';

export interface ChunkAudioFlags {
  audio: AudioMode;
  audioTrack?: AudioTrackChoice;
  container: Container;
}

export const chunkAudio = defineJob({
  command: ['chunk', 'audio'],
  summary: 'the audio of a whole file, copied or encoded once, for `chunk join` (a step of `queue add --chunk`)',
  args: [
    { name: 'input', required: true, help: 'the video file' },
    { name: 'work-dir', required: true, help: 'the chunked encode\'s work folder (audio.m4a or audio.mka is written there)' },
  ],
  flags: [
    { flags: '-a, --audio <mode>', help: 'as compress: auto copies when the container takes it, else re-encodes', choices: AUDIO_MODES, default: 'auto' },
    { flags: '--audio-track <n>', help: 'which audio track (1 = the first, the default)', parse: parseAudioTrack },
    { flags: '--container <ext>', help: 'the final output\'s container (what audio it can hold)', choices: CONTAINERS, required: true },
  ],
  help: `
Examples:
  $ lydlr-gst chunk audio film.mp4 /shared/out/.film.work --container mp4
  $ lydlr-gst chunk audio film.mkv work --container webm --audio opus

The video is parsed, not decoded. The file is written under a temporary name and renamed; a run that
finds it already there has nothing to do.`,
  requires: { elements: [need('audio of a chunked encode', ['filesrc', 'parsebin', 'mp4mux', AAC.encoder, AAC.parser])], python: [] },
  load: async () => (await import('./entry.js')).runChunkAudio,
});
