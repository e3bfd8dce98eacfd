import { describe, expect, it } from 'vitest';
import { CODECS, VIDEO_CODECS, levelToScale, resolveCodec, SPEED_PRESETS } from '../../../src/pipeline/codecs.js';
import { codecsForContainer, containerForPath } from '../../../src/pipeline/containers.js';

describe('codec table', () => {
  it.each([
    ['h264', 'x264enc', 'h264parse', 'rtph264pay'],
    ['h265', 'x265enc', 'h265parse', 'rtph265pay'],
    ['vp8', 'vp8enc', undefined, 'rtpvp8pay'],
    ['vp9', 'vp9enc', 'vp9parse', 'rtpvp9pay'],
    ['av1', 'av1enc', 'av1parse', undefined],
  ] as const)('%s → %s, %s, %s', (codec, encoder, parser, payloader) => {
    expect(CODECS[codec]).toMatchObject({ software: encoder, parser, payloader });
  });

  it('resolves the alias x264 and refuses unknown names', () => {
    expect(resolveCodec('x264')).toBe('h264');
    expect(resolveCodec('HEVC')).toBe('h265');
    expect(resolveCodec('mpeg7')).toBeUndefined();
  });

  it('puts the bitrate in each encoder\'s own unit', () => {
    expect(CODECS.h264.softwareProps({ bitrateKbps: 2000 })).toMatchObject({ bitrate: 2000, 'vbv-buf-capacity': 0 });
    expect(CODECS.h264.softwareProps({ bitrateKbps: 2000, lowLatency: true })).toMatchObject({ bitrate: 2000, tune: 'zerolatency' });
    expect(CODECS.h264.softwareProps({ bitrateKbps: 2000, lowLatency: true })).not.toHaveProperty('vbv-buf-capacity');
    expect(CODECS.vp9.softwareProps({ bitrateKbps: 2000 })).toMatchObject({ 'target-bitrate': 2000000 });
    expect(CODECS.av1.softwareProps({ bitrateKbps: 2000 })).toMatchObject({ 'target-bitrate': 2000 });
  });

  it('caps x264\'s look-ahead at 20 frames for fast and medium files, never for live or the slower presets', () => {
    expect(CODECS.h264.softwareProps({ bitrateKbps: 2000 })).toMatchObject({ 'rc-lookahead': 20 });
    expect(CODECS.h264.softwareProps({ preset: 'fast' })).toMatchObject({ 'rc-lookahead': 20 });
    for (const preset of ['veryfast', 'faster', 'slow', 'veryslow'] as const) expect(CODECS.h264.softwareProps({ preset })).not.toHaveProperty('rc-lookahead');
    expect(CODECS.h264.softwareProps({ bitrateKbps: 2000, lowLatency: true })).not.toHaveProperty('rc-lookahead');
    expect(CODECS.h265.softwareProps({ bitrateKbps: 2000 })).not.toHaveProperty('rc-lookahead');
  });

  it('runs libaom in its realtime profile for the fast presets and live, good-quality otherwise', () => {
    expect(CODECS.av1.softwareProps({ preset: 'veryfast' })).toMatchObject({ 'usage-profile': 'realtime' });
    expect(CODECS.av1.softwareProps({ preset: 'faster' })).toMatchObject({ 'usage-profile': 'good-quality' });
    expect(CODECS.av1.softwareProps({ preset: 'slow', lowLatency: true })).toMatchObject({ 'usage-profile': 'realtime' });
  });

  it('gives av1enc the full quantizer range with a bitrate (its max-quantizer default of 0 makes libaom ignore the target)', () => {
    expect(CODECS.av1.softwareProps({ bitrateKbps: 800 })).toMatchObject({ 'end-usage': 'vbr', 'min-quantizer': 0, 'max-quantizer': 63 });
  });

  it('gives vp9enc no lookahead in every mode (its end-of-stream drain loses the frames still in the lag)', () => {
    for (const settings of [{}, { level: 0 }, { bitrateKbps: 1000 }, { preset: 'ultrafast' as const }, { preset: 'veryslow' as const }]) {
      expect(CODECS.vp9.softwareProps(settings)).toMatchObject({ 'lag-in-frames': 0 });
      expect(CODECS.vp9.softwareProps(settings)).not.toHaveProperty('auto-alt-ref');
    }
  });

  it('maps a higher level to a coarser quantizer for every codec (monotonic)', () => {
    const quality = (codec: (typeof VIDEO_CODECS)[number], level: number): number => {
      const p = CODECS[codec].softwareProps({ level });
      return Number(p.quantizer ?? p['cq-level'] ?? p['max-quantizer'] ?? String(p['option-string']).replace('crf=', ''));
    };
    for (const codec of VIDEO_CODECS) {
      const values = [0, 0.2, 0.5, 0.8, 1].map((l) => quality(codec, l));
      expect([...values].sort((a, b) => a - b)).toEqual(values);
      expect(values[0]).toBeLessThan(values[4]!);
    }
  });

  it('clamps levels outside 0..1', () => {
    expect(levelToScale(-1, 10, 50)).toBe(10);
    expect(levelToScale(2, 10, 50)).toBe(50);
  });

  it('maps every speed preset for x264', () => {
    for (const preset of SPEED_PRESETS) expect(CODECS.h264.softwareProps({ preset })['speed-preset']).toBe(preset);
  });
});

describe('containers', () => {
  it.each([
    ['out.mp4', 'mp4'],
    ['OUT.MKV', 'mkv'],
    ['a.webm', 'webm'],
    ['a.ts', 'ts'],
    ['a.mov', 'mov'],
    ['a.flv', 'flv'],
    ['a.avi', undefined],
    ['noext', undefined],
  ])('%s → %s', (path, container) => {
    expect(containerForPath(path)).toBe(container);
  });

  it('knows which codecs each container takes', () => {
    expect(codecsForContainer('webm')).toEqual(['vp8', 'vp9', 'av1']);
    expect(codecsForContainer('mp4')).toEqual(['h264', 'h265', 'vp9', 'av1']);
  });
});
