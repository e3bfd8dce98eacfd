import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoxStream } from '../../../../../src/jobs/hls/fmp4/boxes.js';
import { readInitTracks } from '../../../../../src/jobs/hls/fmp4/init-segment.js';

const moovOf = (name: string) =>
  new BoxStream().push(readFileSync(new URL(`../../../../fixtures/jobs/hls-fmp4/${name}`, import.meta.url))).find((b) => b.type === 'moov')!;

// Expected strings written from the configuration records' bytes (ffprobe -show_data):
// avcC 01 64 00 14 → profile 0x64 (High), constraints 00, level 0x14 = 20 (ffprobe: High, level 20);
// hvcC 01 | 01 | 60000000 | 90 00 00 00 00 00 | 3f → profile 1 (Main), compatibility 0x60000000 read bit-reversed = 6,
// tier Main (L), level 63 (ffprobe: Main, level 63), constraint byte 0x90;
// esds AudioSpecificConfig 11 88 → object type 0x11 >> 3 = 2 (AAC LC, ffprobe: LC).
describe('readInitTracks', () => {
  it('reads H.264 + AAC: ids, kinds, timescales and avc1/mp4a codec strings', () => {
    expect(readInitTracks(moovOf('h264-aac.mp4'))).toEqual([
      { id: 1, kind: 'video', timescale: 1000, codec: 'avc1.640014' },
      { id: 2, kind: 'audio', timescale: 48000, codec: 'mp4a.40.2' },
    ]);
  });

  it('reads H.265 in an hvc1 sample entry as hvc1.1.6.L63.90', () => {
    expect(readInitTracks(moovOf('h265.mp4'))).toEqual([{ id: 1, kind: 'video', timescale: 1000, codec: 'hvc1.1.6.L63.90' }]);
  });

  it('reads VP9 from its vpcC (profile, level, bit depth, then the colour fields: BT.601 here, so all spelled out)', () => {
    expect(readInitTracks(moovOf('vp9.mp4'))).toEqual([{ id: 1, kind: 'video', timescale: 1000, codec: 'vp09.00.10.08.01.06.06.06.00' }]);
  });

  it('gives no codec for an AV1 entry whose av1C is GStreamer 1.22\'s zeros (the packager completes it first)', () => {
    expect(readInitTracks(moovOf('av1.mp4'))).toEqual([{ id: 1, kind: 'video', timescale: 1000, codec: undefined }]);
  });
});
