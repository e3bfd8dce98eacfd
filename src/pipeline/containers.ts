// Containers: muxer element, file extension, and which audio codecs each takes.
import { CODECS, CONTAINERS, type Container, type VideoCodec } from './codecs.js';

export const AUDIO_CODECS = ['aac', 'opus', 'vorbis', 'mp3'] as const;
export type AudioCodec = (typeof AUDIO_CODECS)[number];

export interface ContainerSpec {
  container: Container;
  muxer: string;
  extensions: string[];
  /** Audio codecs the muxer accepts, preferred first (the re-encode target). */
  audio: AudioCodec[];
  /** Request-pad templates to link to: a bare `mux.` may give the video stream an audio pad. */
  videoPad: string;
  audioPad: string;
}

export const CONTAINER_SPECS: Record<Container, ContainerSpec> = {
  mp4: { container: 'mp4', muxer: 'mp4mux', extensions: ['.mp4', '.m4v'], audio: ['aac', 'opus', 'mp3'], videoPad: 'video_%u', audioPad: 'audio_%u' },
  mov: { container: 'mov', muxer: 'qtmux', extensions: ['.mov'], audio: ['aac', 'mp3'], videoPad: 'video_%u', audioPad: 'audio_%u' },
  mkv: { container: 'mkv', muxer: 'matroskamux', extensions: ['.mkv'], audio: ['aac', 'opus', 'vorbis', 'mp3'], videoPad: 'video_%u', audioPad: 'audio_%u' },
  webm: { container: 'webm', muxer: 'webmmux', extensions: ['.webm'], audio: ['opus', 'vorbis'], videoPad: 'video_%u', audioPad: 'audio_%u' },
  ts: { container: 'ts', muxer: 'mpegtsmux', extensions: ['.ts', '.m2ts', '.mts'], audio: ['aac', 'opus', 'mp3'], videoPad: 'sink_%d', audioPad: 'sink_%d' },
  flv: { container: 'flv', muxer: 'flvmux', extensions: ['.flv'], audio: ['aac', 'mp3'], videoPad: 'video', audioPad: 'audio' },
};

export interface AudioCodecSpec {
  codec: AudioCodec;
  encoder: string;
  parser: string | undefined;
  caps: string;
  payloader: string | undefined;
  /** The depayloader that takes what `payloader` sends. */
  depayloader: string | undefined;
}

export const AUDIO_CODEC_SPECS: Record<AudioCodec, AudioCodecSpec> = {
  aac: { codec: 'aac', encoder: 'avenc_aac', parser: 'aacparse', caps: 'audio/mpeg,mpegversion=4', payloader: 'rtpmp4gpay', depayloader: 'rtpmp4gdepay' },
  opus: { codec: 'opus', encoder: 'opusenc', parser: 'opusparse', caps: 'audio/x-opus', payloader: 'rtpopuspay', depayloader: 'rtpopusdepay' },
  vorbis: { codec: 'vorbis', encoder: 'vorbisenc', parser: 'vorbisparse', caps: 'audio/x-vorbis', payloader: undefined, depayloader: undefined },
  mp3: { codec: 'mp3', encoder: 'lamemp3enc', parser: 'mpegaudioparse', caps: 'audio/mpeg,mpegversion=1,layer=3', payloader: 'rtpmpapay', depayloader: 'rtpmpadepay' },
};

// ".MP4" / "out.mp4" → "mp4"; undefined when the extension names no container we write.
export function containerForPath(path: string): Container | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = path.slice(dot).toLowerCase();
  return CONTAINERS.find((c) => CONTAINER_SPECS[c].extensions.includes(ext));
}

export function containersForCodec(codec: VideoCodec): Container[] {
  return CODECS[codec].containers;
}

export function codecsForContainer(container: Container): VideoCodec[] {
  return (Object.keys(CODECS) as VideoCodec[]).filter((c) => CODECS[c].containers.includes(container));
}

// The container a codec goes into by default (batch outputs without --container).
export function defaultContainer(codec: VideoCodec): Container {
  return codec === 'vp8' || codec === 'vp9' ? 'webm' : codec === 'av1' ? 'mkv' : 'mp4';
}
