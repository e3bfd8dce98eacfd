// What each rendition really holds (negotiated caps, the SPS in its first segment, measured bit rates),
// and the master playlist made from it.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { EventOf } from '../../gst/launch/events.js';
import { audioCodecString, codecStringFromCaps, videoCodecString } from './codecs-string.js';
import { readSegmentSps } from './ts-sps.js';
import { renderMasterPlaylist, type Variant } from './playlist.js';
import { muxName, sinkName } from './pipeline.js';
import type { HlsPlan } from './plan.js';
import type { RenditionPlaylist, SegmentRecord } from './rendition-playlist.js';
import type { TrackInfo } from './fmp4/init-segment.js';

export class RenditionMedia {
  private readonly videoCaps = new Map<number, string>();
  private readonly videoCodec = new Map<number, string>();
  private audioCaps: string | undefined;
  private audioCodec: string | undefined;

  constructor(private readonly plan: HlsPlan) {}

  // Caps gst-launch -v printed for the pads feeding a rendition's muxer: what the segments really hold.
  observeCaps(event: EventOf<'caps'>): void {
    const index = this.plan.renditions.findIndex((_, i) => event.element === sinkName(i) || event.element === muxName(i));
    if (index < 0) return;
    if (event.caps.startsWith('video/')) this.videoCaps.set(index, event.caps);
    else if (event.caps.startsWith('audio/')) this.audioCaps = event.caps;
  }

  // fMP4: the codec strings written in the rendition's init segment (avcC/hvcC/esds): exact, no guessing.
  observeInit(index: number, tracks: TrackInfo[]): void {
    const video = tracks.find((t) => t.kind === 'video')?.codec;
    const audio = tracks.find((t) => t.kind === 'audio')?.codec;
    if (video) this.videoCodec.set(index, video);
    if (audio) this.audioCodec = audio;
  }

  // Reads the SPS of a rendition's first segment (once): the profile and level the encoder wrote.
  observeSegment(index: number, dir: string, segment: SegmentRecord): void {
    if (this.videoCodec.has(index) || this.plan.format !== 'ts') return;
    try {
      const sps = readSegmentSps(readFileSync(join(dir, segment.uri)), this.plan.codec);
      if (sps) this.videoCodec.set(index, videoCodecString(sps));
    } catch {
      // Deleted already (a tiny live window): the caps will do.
    }
  }

  /** The CODECS list of a rendition: video, then audio when there is audio. */
  codecs(index: number): string[] {
    const caps = this.videoCaps.get(index);
    const video = this.videoCodec.get(index) ?? (caps ? codecStringFromCaps(caps) : undefined) ?? (this.plan.codec === 'h264' ? 'avc1.640028' : 'hev1.1.6.L120.B0');
    if (!this.plan.audio) return [video];
    return [video, this.audioCodec ?? (this.audioCaps ? audioCodecString(this.audioCaps) : 'mp4a.40.2')];
  }

  /** Width and height the encoder got (for renditions planned without a known size). */
  size(index: number): { width: number; height: number } | undefined {
    const caps = this.videoCaps.get(index);
    const w = caps && /width=\(int\)(\d+)/.exec(caps)?.[1];
    const h = caps && /height=\(int\)(\d+)/.exec(caps)?.[1];
    return w && h ? { width: Number(w), height: Number(h) } : undefined;
  }
}

// Master playlist entries. Before enough segments exist (a live start) the bit rates are estimated from the
// configured rates with headroom for the VBV and TS overhead; later they are measured from the segments.
export function masterVariants(plan: HlsPlan, playlists: RenditionPlaylist[], media: RenditionMedia): Variant[] {
  return plan.renditions.map((r, i) => {
    const measured = playlists[i]!.bandwidth();
    const enough = playlists[i]!.stats().segments >= 3 || !plan.live;
    const nominal = (r.bitrateKbps + (plan.audio?.bitrateKbps ?? 0)) * 1000;
    const size = r.width && r.height ? { width: r.width, height: r.height } : media.size(i);
    return {
      uri: relative(plan.outputDir, join(r.dir, plan.playlistName)).split('\\').join('/'),
      bandwidth: enough ? measured.peak : Math.max(measured.peak, nominal * 1.3),
      averageBandwidth: enough ? measured.average : Math.max(measured.average, nominal * 1.08),
      width: size?.width ?? 0,
      height: size?.height ?? 0,
      frameRate: plan.fps,
      codecs: media.codecs(i),
    };
  });
}

export function renderMaster(plan: HlsPlan, playlists: RenditionPlaylist[], media: RenditionMedia): string {
  return renderMasterPlaylist(masterVariants(plan, playlists, media), plan.format === 'fmp4' ? 7 : 3);
}
