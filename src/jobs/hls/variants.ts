// What each rendition really holds (negotiated caps, the SPS in its first segment, measured bit rates),
// and the master playlist made from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventOf } from '../../gst/launch/events.js';
import { audioCodecString, codecStringFromCaps, videoCodecString } from './codecs-string.js';
import { readSegmentSps } from './ts-sps.js';
import { renderMasterPlaylist, type AudioMedia, type Variant } from './playlist.js';
import { muxName, sinkName } from './pipeline.js';
import type { HlsPlan } from './plan.js';
import type { RenditionPlaylist, SegmentRecord } from './rendition-playlist.js';
import type { TrackInfo } from './fmp4/init-segment.js';
import { AUDIO_GROUP } from './audio-renditions.js';
import { HLS_VIDEO_CODECS } from './video-codecs.js';
import { relativeUri, sinkOutputs } from './layout.js';

const DEFAULT_AUDIO_CODEC = 'mp4a.40.2';

export class RenditionMedia {
  private readonly videoCaps = new Map<number, string>();
  private readonly videoCodec = new Map<number, string>();
  /** Per sink: the audio caps it was given, and (fMP4) the codec string of its init segment. */
  private readonly audioCaps = new Map<number, string>();
  private readonly audioCodec = new Map<number, string>();

  constructor(private readonly plan: HlsPlan) {}

  // Caps gst-launch -v printed for the pads feeding a rendition's muxer: what the segments really hold.
  observeCaps(event: EventOf<'caps'>): void {
    const index = sinkOutputs(this.plan).findIndex((_, i) => event.element === sinkName(i) || event.element === muxName(i));
    if (index < 0) return;
    if (event.caps.startsWith('video/')) this.videoCaps.set(index, event.caps);
    else if (event.caps.startsWith('audio/')) this.audioCaps.set(index, event.caps);
  }

  // fMP4: the codec strings written in the rendition's init segment (avcC/hvcC/esds): exact, no guessing.
  observeInit(index: number, tracks: TrackInfo[]): void {
    const video = tracks.find((t) => t.kind === 'video')?.codec;
    const audio = tracks.find((t) => t.kind === 'audio')?.codec;
    if (video) this.videoCodec.set(index, video);
    if (audio) this.audioCodec.set(index, audio);
  }

  // Reads the SPS of a video rendition's first segment (once): the profile and level the encoder wrote.
  observeSegment(index: number, dir: string, segment: SegmentRecord): void {
    const codec = this.plan.codec;
    if (this.videoCodec.has(index) || this.plan.format !== 'ts' || index >= this.plan.renditions.length || (codec !== 'h264' && codec !== 'h265')) return;
    try {
      const sps = readSegmentSps(readFileSync(join(dir, segment.uri)), codec);
      if (sps) this.videoCodec.set(index, videoCodecString(sps));
    } catch {
      // Deleted already (a tiny live window): the caps will do.
    }
  }

  /** The CODECS list of a video rendition: video, then audio: its own, or every codec of the audio group. */
  codecs(index: number): string[] {
    const caps = this.videoCaps.get(index);
    const video = this.videoCodec.get(index) ?? (caps ? codecStringFromCaps(caps) : undefined) ?? HLS_VIDEO_CODECS[this.plan.codec].fallbackCodecs;
    if (this.plan.audio) return [video, this.audioCodecOf(index)];
    if (this.plan.audioGroup) return [video, ...new Set(this.audioSinks().map((i) => this.audioCodecOf(i)))];
    return [video];
  }

  /** The codec string of the audio sink `index` gets (a muxed rendition's, or an audio rendition's). */
  audioCodecOf(index: number): string {
    // Muxed audio is one AAC stream teed to every rendition: any rendition's caps describe it.
    const caps = this.audioCaps.get(index) ?? (this.plan.audio ? [...this.audioCaps.values()][0] : undefined);
    return this.audioCodec.get(index) ?? (this.plan.audio ? [...this.audioCodec.values()][0] : undefined) ?? (caps ? audioCodecString(caps) : DEFAULT_AUDIO_CODEC);
  }

  /** Channels of audio rendition sink `index`, as negotiated (else what the plan expected from the probe). */
  channels(index: number): number | undefined {
    const negotiated = /channels=\(int\)(\d+)/.exec(this.audioCaps.get(index) ?? '')?.[1];
    return negotiated ? Number(negotiated) : this.plan.audioGroup?.renditions[index - this.plan.renditions.length]?.channels;
  }

  /** Width and height the encoder got (for renditions planned without a known size). */
  size(index: number): { width: number; height: number } | undefined {
    const caps = this.videoCaps.get(index);
    const w = caps && /width=\(int\)(\d+)/.exec(caps)?.[1];
    const h = caps && /height=\(int\)(\d+)/.exec(caps)?.[1];
    return w && h ? { width: Number(w), height: Number(h) } : undefined;
  }

  private audioSinks(): number[] {
    return (this.plan.audioGroup?.renditions ?? []).map((_, k) => this.plan.renditions.length + k);
  }
}

interface Rates {
  bandwidth: number;
  averageBandwidth: number;
}

// Before enough segments exist (a live start) the bit rates are estimated from the configured rates with
// headroom for the VBV and TS overhead; later they are measured from the segments.
function ratesOf(plan: HlsPlan, playlist: RenditionPlaylist, nominalKbps: number): Rates {
  const measured = playlist.bandwidth();
  const enough = playlist.stats().segments >= 3 || !plan.live;
  const nominal = nominalKbps * 1000;
  return {
    bandwidth: enough ? measured.peak : Math.max(measured.peak, nominal * 1.3),
    averageBandwidth: enough ? measured.average : Math.max(measured.average, nominal * 1.08),
  };
}

/** Each audio rendition's own peak and average bit/s (sinks after the video ones). */
export function audioRates(plan: HlsPlan, playlists: RenditionPlaylist[]): Rates[] {
  return (plan.audioGroup?.renditions ?? []).map((_, k) => ratesOf(plan, playlists[plan.renditions.length + k]!, plan.audioGroup!.bitrateKbps));
}

// Master playlist entries. A variant that plays with the audio group counts the costliest audio rendition in
// its rates (RFC 8216 §4.3.4.2: the largest sum over any playable combination of renditions).
export function masterVariants(plan: HlsPlan, playlists: RenditionPlaylist[], media: RenditionMedia): Variant[] {
  const audio = audioRates(plan, playlists);
  const extra = {
    bandwidth: Math.max(0, ...audio.map((a) => a.bandwidth)),
    averageBandwidth: Math.max(0, ...audio.map((a) => a.averageBandwidth)),
  };
  return plan.renditions.map((r, i) => {
    const own = ratesOf(plan, playlists[i]!, r.bitrateKbps + (plan.audio?.bitrateKbps ?? 0));
    const size = r.width && r.height ? { width: r.width, height: r.height } : media.size(i);
    return {
      uri: relativeUri(plan, r.dir),
      bandwidth: own.bandwidth + extra.bandwidth,
      averageBandwidth: own.averageBandwidth + extra.averageBandwidth,
      width: size?.width ?? 0,
      height: size?.height ?? 0,
      frameRate: plan.fps,
      codecs: media.codecs(i),
      ...(plan.audioGroup ? { audioGroup: AUDIO_GROUP } : {}),
    };
  });
}

// The audio group's #EXT-X-MEDIA entries: the first track is the default, as in the input.
export function audioMedia(plan: HlsPlan, media: RenditionMedia): AudioMedia[] {
  return (plan.audioGroup?.renditions ?? []).map((r, k) => ({
    groupId: AUDIO_GROUP,
    name: r.title,
    language: r.language,
    isDefault: k === 0,
    channels: media.channels(plan.renditions.length + k),
    uri: relativeUri(plan, r.dir),
  }));
}

export function renderMaster(plan: HlsPlan, playlists: RenditionPlaylist[], media: RenditionMedia): string {
  return renderMasterPlaylist(masterVariants(plan, playlists, media), plan.format === 'fmp4' ? 7 : 3, audioMedia(plan, media));
}
