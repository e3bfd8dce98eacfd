// The fluent, immutable PipelineBuilder: every method returns a new builder.
// Nodes append to the current chain; from()/chain() start another chain (branches, muxers).
import { caps as capsNode, chainTokens, element, ref, type Chain, type PipelineNode } from './nodes.js';
import { shellQuote, type PropValue, type QuoteMode } from './quote.js';
import { CODECS, encoderBitrate, resolveCodec, type EncodeSettings, type SpeedPreset } from './codecs.js';
import { CONTAINER_SPECS, containerForPath } from './containers.js';
import { mergeAdjacentCaps } from './caps-merge.js';

export type SourceKind = 'file' | 'uri' | 'test' | 'v4l2' | 'stdin';
export type SinkKind = 'file' | 'fake' | 'auto' | 'stdout';

export interface EncoderOptions {
  /** kbit/s, whatever unit the encoder uses internally. */
  bitrate?: number;
  speedPreset?: SpeedPreset;
  level?: number;
  keyframeInterval?: number;
  lowLatency?: boolean;
  /** Use this element instead of the codec's software encoder. */
  element?: string;
}

/**
 * Queue limits that cannot deadlock a muxer fed audio and video: a full default queue (200 buffers,
 * 10 MB, 1 s) on one branch stalls the muxer while it waits for the other branch.
 */
export const UNLIMITED_QUEUE = { 'max-size-buffers': 0, 'max-size-bytes': 0, 'max-size-time': 0 } as const;

/**
 * Builds gst-launch pipelines; every method returns a new builder.
 *
 * ```ts
 * const builder = new PipelineBuilder()
 *   .addSource('file', 'my clip.mp4')
 *   .addDecoder()
 *   .addVideoConvert()
 *   .addVideoScale(1280, 720)
 *   .addEncoder('h264', { bitrate: 2000, speedPreset: 'ultrafast' })
 *   .addSink('file', 'out.mp4');
 * builder.toArgv(); // tokens for gst-launch-1.0 (no shell); builder.build() is the same as one string
 * ```
 */
export class PipelineBuilder {
  constructor(private readonly chains: readonly Chain[] = [[]]) {}

  // --- generic building blocks ---------------------------------------------------------

  add(factory: string, props: Record<string, PropValue | undefined> = {}, name?: string): PipelineBuilder {
    return this.append(element(factory, props, name));
  }

  caps(text: string): PipelineBuilder {
    return this.append(capsNode(text));
  }

  /** A queue that never blocks a muxer (unlimited), or with the limits you pass. */
  queue(props: Record<string, PropValue | undefined> = UNLIMITED_QUEUE, name?: string): PipelineBuilder {
    return this.add('queue', props, name);
  }

  tee(name: string): PipelineBuilder {
    return this.add('tee', {}, name);
  }

  /** Link the current chain into a named element's pad (`mux.` or `mux.video_0`). */
  to(name: string, pad?: string): PipelineBuilder {
    return this.append(ref(name, pad));
  }

  /** Start a new chain from a named element's pad: a branch of a tee or a demuxer. */
  from(name: string, pad?: string): PipelineBuilder {
    return this.startChain([ref(name, pad)]);
  }

  /** Start a new, unlinked chain (optionally with its first nodes). */
  chain(nodes: readonly PipelineNode[] = []): PipelineBuilder {
    return this.startChain(nodes);
  }

  /** Append existing nodes to the current chain. */
  nodes(nodes: readonly PipelineNode[]): PipelineBuilder {
    return nodes.reduce<PipelineBuilder>((b, n) => b.append(n), this);
  }

  // --- the fluent API: source, decoder, convert, scale, encoder, sink ---------------------

  addSource(kind: SourceKind, location?: string): PipelineBuilder {
    switch (kind) {
      case 'file':
        return this.add('filesrc', { location: required(location, 'file source needs a path') });
      case 'uri':
        return this.add('urisourcebin', { uri: required(location, 'uri source needs a URI') });
      case 'test':
        return this.add('videotestsrc', location ? { pattern: location } : {});
      case 'v4l2':
        return this.add('v4l2src', { device: location ?? '/dev/video0' });
      case 'stdin':
        return this.add('fdsrc', { fd: 0 });
    }
  }

  addDecoder(): PipelineBuilder {
    return this.add('decodebin');
  }

  addVideoConvert(): PipelineBuilder {
    return this.add('videoconvert');
  }

  addVideoScale(width?: number, height?: number): PipelineBuilder {
    const size = [width ? `width=${width}` : '', height ? `height=${height}` : ''].filter(Boolean);
    const scaled = this.add('videoscale');
    return size.length > 0 ? scaled.caps(['video/x-raw', ...size].join(',')) : scaled;
  }

  /** Encoder (+ parser) for a codec name from the codec table, 4:2:0 input enforced. */
  addEncoder(codecName: string, options: EncoderOptions = {}): PipelineBuilder {
    const codec = resolveCodec(codecName);
    if (!codec) throw new RangeError(`unknown codec "${codecName}" (known: ${Object.keys(CODECS).join(', ')}, x264)`);
    const spec = CODECS[codec];
    const settings: EncodeSettings = {
      bitrateKbps: options.bitrate,
      level: options.level,
      preset: options.speedPreset,
      keyframeInterval: options.keyframeInterval,
      lowLatency: options.lowLatency,
    };
    const factory = options.element ?? spec.software;
    const props = factory === spec.software
      ? spec.softwareProps(settings)
      : options.bitrate !== undefined ? { [spec.bitrateProperty]: encoderBitrate(spec, options.bitrate) } : {};
    const encoded = this.caps('video/x-raw,format=I420').add(factory, props);
    return spec.parser ? encoded.add(spec.parser) : encoded;
  }

  /** A sink; a file sink after an encoder gets the muxer its extension names. */
  addSink(kind: SinkKind, location?: string): PipelineBuilder {
    switch (kind) {
      case 'file': {
        const path = required(location, 'file sink needs a path');
        const container = containerForPath(path);
        const needsMuxer = container !== undefined && this.currentHasEncoder() && !this.currentHasMuxer();
        const muxed = needsMuxer ? this.add(CONTAINER_SPECS[container].muxer) : this;
        return muxed.add('filesink', { location: path });
      }
      case 'fake':
        return this.add('fakesink');
      case 'auto':
        return this.add('autovideosink');
      case 'stdout':
        return this.add('fdsink', { fd: 1 });
    }
  }

  // --- output ------------------------------------------------------------------------------

  /** argv tokens for gst-launch-1.0 (without the program or its options); no shell needed. */
  toArgv(): string[] {
    return this.tokens('argv');
  }

  /** The pipeline description in gst-launch syntax, as one string. */
  build(): string {
    return this.tokens('string').join(' ');
  }

  toString(): string {
    return this.build();
  }

  /** A shell line a person can copy and paste. */
  toShellCommand(program = 'gst-launch-1.0', options: string[] = ['-e']): string {
    return [program, ...options, ...this.toArgv()].map(shellQuote).join(' ');
  }

  /** Every element factory used, for doctor-style checks before spawning. */
  factories(): string[] {
    const names = this.chains.flatMap((c) => c.filter((n) => n.kind === 'element').map((n) => (n as { factory: string }).factory));
    return [...new Set(names)];
  }

  // --- internals ---------------------------------------------------------------------------

  // Adjacent caps (addVideoScale then addEncoder) are merged here: gst-launch takes one per link.
  private tokens(mode: QuoteMode): string[] {
    return this.chains.filter((c) => c.length > 0).flatMap((c) => chainTokens(mergeAdjacentCaps(c), mode));
  }

  private append(node: PipelineNode): PipelineBuilder {
    const last = this.chains[this.chains.length - 1] ?? [];
    return new PipelineBuilder([...this.chains.slice(0, -1), [...last, node]]);
  }

  private startChain(nodes: readonly PipelineNode[]): PipelineBuilder {
    return new PipelineBuilder([...this.chains, [...nodes]]);
  }

  private currentFactories(): string[] {
    const last = this.chains[this.chains.length - 1] ?? [];
    return last.filter((n) => n.kind === 'element').map((n) => (n as { factory: string }).factory);
  }

  private currentHasEncoder(): boolean {
    return this.currentFactories().some((f) => /enc$/.test(f) || f.endsWith('parse'));
  }

  private currentHasMuxer(): boolean {
    return this.currentFactories().some((f) => f.endsWith('mux'));
  }
}

function required(value: string | undefined, message: string): string {
  if (value === undefined || value === '') throw new RangeError(message);
  return value;
}
