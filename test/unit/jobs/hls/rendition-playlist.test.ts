// Our playlist layer over the sink's working playlist, with real files in a temp folder (no GStreamer).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RenditionPlaylist, type RenditionPlaylistOptions } from '../../../../src/jobs/hls/rendition-playlist.js';
import HLS from 'hls-parser';
import { checkOutputDir, prepareOutputDir } from '../../../../src/jobs/hls/files.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hls-unit-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Simulates the sink: writes segment files and its own playlist (the last `window` entries).
function sinkWrites(p: RenditionPlaylist, names: string[], options: { durations?: number[]; endList?: boolean; torn?: boolean } = {}): void {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-TARGETDURATION:2', ''];
  names.forEach((name, i) => {
    if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), Buffer.alloc(1000 * (i + 1)));
    lines.push(`#EXTINF:${options.durations?.[i] ?? 2},`, name);
  });
  if (options.endList) lines.push('#EXT-X-ENDLIST');
  const text = `${lines.join('\n')}${options.endList ? '' : '\n'}`;
  writeFileSync(p.workingPath, options.torn ? text.slice(0, -6) : text);
}

const make = (o: Partial<RenditionPlaylistOptions> = {}) =>
  new RenditionPlaylist({ dir, playlistName: 'playlist.m3u8', mode: 'live', segmentDuration: 2, playlistLength: 3, maxFiles: 4, ...o });
// The published playlist as an independent reader (hls-parser, strict: it also rejects what breaks the spec) sees it.
HLS.setOptions({ strictMode: true });
const published = () => {
  const p = HLS.parse(readFileSync(join(dir, 'playlist.m3u8'), 'utf8'));
  if (p.isMasterPlaylist) throw new Error('expected a media playlist');
  const media = p as HLS.types.MediaPlaylist;
  return { endList: media.endlist, segments: media.segments.map((s) => ({ uri: s.uri, durationSeconds: s.duration })) };
};
const segmentsOnDisk = () => readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

describe('RenditionPlaylist (live)', () => {
  it('publishes nothing before the first segment, then a sliding window', () => {
    const p = make();
    expect(p.publish()).toBe(false);
    expect(existsSync(join(dir, 'playlist.m3u8'))).toBe(false);
    sinkWrites(p, ['s0.ts']);
    expect(p.ingest().map((s) => s.uri)).toEqual(['s0.ts']);
    expect(p.publish()).toBe(true);
    expect(published().segments.map((s) => s.uri)).toEqual(['s0.ts']);
    sinkWrites(p, ['s0.ts', 's1.ts', 's2.ts', 's3.ts', 's4.ts']);
    expect(p.ingest().map((s) => s.sequence)).toEqual([1, 2, 3, 4]);
    p.publish();
    const text = readFileSync(join(dir, 'playlist.m3u8'), 'utf8');
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:2\n');
    expect(text).not.toContain('PLAYLIST-TYPE');
    expect(published().segments.map((s) => s.uri)).toEqual(['s2.ts', 's3.ts', 's4.ts']);
    expect(segmentsOnDisk()).toEqual(['s1.ts', 's2.ts', 's3.ts', 's4.ts']);
  });

  it('ignores a working playlist caught mid-write', () => {
    const p = make();
    sinkWrites(p, ['s0.ts', 's1.ts'], { torn: true });
    expect(p.ingest()).toEqual([]);
    sinkWrites(p, ['s0.ts', 's1.ts']);
    expect(p.ingest()).toHaveLength(2);
  });

  it('finalizes with ENDLIST and leaves only the window on disk', () => {
    const p = make();
    sinkWrites(p, ['s0.ts', 's1.ts', 's2.ts', 's3.ts']);
    p.ingest();
    p.publish();
    sinkWrites(p, ['s0.ts', 's1.ts', 's2.ts', 's3.ts', 's4.ts'], { endList: true, durations: [2, 2, 2, 2, 0.7] });
    p.finalize();
    const final = published();
    expect(final.endList).toBe(true);
    expect(final.segments.map((s) => s.uri)).toEqual(['s2.ts', 's3.ts', 's4.ts']);
    expect(segmentsOnDisk()).toEqual(['s2.ts', 's3.ts', 's4.ts']);
    expect(existsSync(p.workingPath)).toBe(false);
    expect(p.stats()).toMatchObject({ segments: 5, durationSeconds: 8.7, segmentsOnDisk: 3 });
  });

  it('marks a new run with a discontinuity and counts the ones that slide out', () => {
    const p = make({ playlistLength: 2, maxFiles: 2 });
    sinkWrites(p, ['a0.ts', 'a1.ts']);
    p.ingest();
    p.publish();
    p.startRun();
    expect(existsSync(p.workingPath)).toBe(false);
    sinkWrites(p, ['b0.ts']);
    p.ingest();
    p.publish();
    let text = readFileSync(join(dir, 'playlist.m3u8'), 'utf8');
    expect(text).toMatch(/a1\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2\.000000,\nb0\.ts/);
    expect(text).not.toContain('DISCONTINUITY-SEQUENCE');
    sinkWrites(p, ['b0.ts', 'b1.ts', 'b2.ts']);
    p.ingest();
    p.publish();
    text = readFileSync(join(dir, 'playlist.m3u8'), 'utf8');
    expect(text).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1\n');
    expect(text).not.toContain('#EXT-X-DISCONTINUITY\n');
    expect(segmentsOnDisk()).toEqual(['b1.ts', 'b2.ts']);
  });

  it('keeps everything as an EVENT playlist with --playlist-length 0', () => {
    const p = make({ playlistLength: 0, maxFiles: 0 });
    sinkWrites(p, ['s0.ts', 's1.ts', 's2.ts', 's3.ts', 's4.ts']);
    p.ingest();
    p.publish();
    expect(readFileSync(join(dir, 'playlist.m3u8'), 'utf8')).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(published().segments).toHaveLength(5);
    expect(segmentsOnDisk()).toHaveLength(5);
  });
});

describe('RenditionPlaylist (LL-HLS)', () => {
  it('lists parts only for segments within three target durations of the live edge, PART-HOLD-BACK three part targets, and the open parts with the hint', () => {
    const p = make({ segmentDuration: 2, playlistLength: 5, maxFiles: 0, version: 7, partTarget: 0.534 });
    for (let i = 0; i < 5; i += 1) {
      const parts = [0, 1, 2, 3].map((k) => ({ uri: `part${4 * i + k}.m4s`, durationSeconds: 0.5, independent: k === 0 }));
      p.add({ uri: `seg${i}.m4s`, durationSeconds: 2, map: 'init.mp4', programDateTime: new Date(Date.UTC(2025, 0, 1, 0, 0, 2 * i)), parts }, 1000);
    }
    p.setOpenParts([{ uri: 'part20.m4s', durationSeconds: 0.5, independent: true }], 'part21.m4s');
    p.publish();
    const text = readFileSync(p.path, 'utf8');
    expect(text).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.602,CAN-SKIP-UNTIL=12\n#EXT-X-PART-INF:PART-TARGET=0.534\n');
    const parsed = HLS.parse(text) as HLS.types.MediaPlaylist;
    // 0.5 s of open parts + the last two segments (4.5 s) are within 6 s of the edge; the third from the end (6.5 s) is not.
    expect(parsed.segments.map((s) => s.parts.length)).toEqual([0, 0, 0, 4, 4, 2]);
    expect(parsed.segments.at(-1)!.parts.map((x) => [x.uri, x.hint === true])).toEqual([['part20.m4s', false], ['part21.m4s', true]]);
    expect(parsed.segments.slice(0, 5).map((s) => s.programDateTime?.toISOString().slice(17))).toEqual(['00.000Z', '02.000Z', '04.000Z', '06.000Z', '08.000Z']);
    expect(text.match(/#EXT-X-MAP:URI="init\.mp4"/g)).toHaveLength(1);
  });
});

describe('RenditionPlaylist (LL-HLS delta updates)', () => {
  // Segments of 1 s (two 0.5 s parts each) handed over as the fMP4 packager does; the Skip Boundary is 6 s.
  const llPlaylist = (playlistLength: number) => make({ segmentDuration: 1, playlistLength, maxFiles: 0, version: 7, partTarget: 0.534 });
  const addSegments = (p: RenditionPlaylist, from: number, count: number) => {
    for (let i = from; i < from + count; i += 1) {
      const parts = [0, 1].map((k) => ({ uri: `part${2 * i + k}.m4s`, durationSeconds: 0.5, independent: k === 0 }));
      p.add({ uri: `seg${i}.m4s`, durationSeconds: 1, map: 'init.mp4', parts }, 1000);
    }
  };
  const parse = (text: string) => HLS.parse(text) as HLS.types.MediaPlaylist;

  it('skips nothing while the window is within the Skip Boundary, then the segments beyond it', () => {
    const p = llPlaylist(0);
    addSegments(p, 0, 6);
    p.publish();
    expect(readFileSync(p.path, 'utf8')).toContain('CAN-SKIP-UNTIL=6');
    expect(p.deltaUpdate()).toBeUndefined();
    addSegments(p, 6, 3);
    p.setOpenParts([{ uri: 'part18.m4s', durationSeconds: 0.5, independent: true }], 'part19.m4s');
    p.publish();
    // 9 s of segments + 0.5 s of parts: segments ending at 3.5 s or earlier are beyond the boundary.
    const delta = parse(p.deltaUpdate()!);
    const full = parse(readFileSync(p.path, 'utf8'));
    expect(delta.skip).toBe(3);
    expect(delta.segments.map((s) => [s.mediaSequenceNumber, s.uri])).toEqual(full.segments.slice(3).map((s) => [s.mediaSequenceNumber, s.uri]));
    expect(delta.segments.flatMap((s) => s.parts.map((part) => part.uri))).toEqual(full.segments.flatMap((s) => s.parts.map((part) => part.uri)));
  });

  it('keeps the window\'s media sequence, and answers with ENDLIST once the stream has ended', () => {
    const p = llPlaylist(8);
    addSegments(p, 0, 12);
    p.publish();
    const live = parse(p.deltaUpdate()!);
    expect(live.mediaSequenceBase).toBe(4);
    expect(live.skip).toBe(2);
    expect(live.segments[0]!.mediaSequenceNumber).toBe(6);
    p.finalize();
    const ended = parse(p.deltaUpdate()!);
    expect(ended.endlist).toBe(true);
    expect(ended.skip).toBe(2);
  });

  it('offers no delta updates without LL-HLS', () => {
    const p = make({ segmentDuration: 1, playlistLength: 0, maxFiles: 0 });
    addSegments(p, 0, 12);
    p.publish();
    expect(readFileSync(p.path, 'utf8')).not.toContain('CAN-SKIP-UNTIL');
    expect(p.deltaUpdate()).toBeUndefined();
  });
});

describe('RenditionPlaylist (VOD)', () => {
  it('writes nothing until finalize, then a complete VOD playlist with the right target duration', () => {
    const p = make({ mode: 'vod', playlistLength: 0, maxFiles: 0, segmentDuration: 1.5 });
    sinkWrites(p, ['s0.ts', 's1.ts', 's2.ts'], { durations: [1.5, 1.5, 0.4], endList: true });
    p.ingest();
    expect(existsSync(join(dir, 'playlist.m3u8'))).toBe(false);
    p.finalize();
    const text = readFileSync(join(dir, 'playlist.m3u8'), 'utf8');
    expect(text).toContain('#EXT-X-TARGETDURATION:2\n');
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD\n');
    expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(segmentsOnDisk()).toHaveLength(3);
    expect(p.bandwidth().average).toBeCloseTo((6000 * 8) / 3.4, 0);
  });

  it('abandon() leaves no playlist behind', () => {
    const p = make({ mode: 'vod' });
    sinkWrites(p, ['s0.ts']);
    p.ingest();
    p.abandon();
    expect(readdirSync(dir).filter((f) => f.includes('m3u8'))).toEqual([]);
  });
});

describe('output folder', () => {
  it('refuses a file, and a non-empty folder without --overwrite (exit 2)', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => checkOutputDir(join(dir, 'file'), true)).toThrow(/is a file/);
    expect(() => checkOutputDir(dir, false)).toThrow(/not empty/);
    expect(() => checkOutputDir(join(dir, 'new'), false)).not.toThrow();
  });

  it('--overwrite removes only what an HLS job writes', () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'playlist.m3u8'), 'old');
    writeFileSync(join(dir, 'seg00000.ts'), 'old');
    prepareOutputDir(dir, [join(dir, '720p')], true);
    expect(readdirSync(dir).sort()).toEqual(['720p', 'notes.txt']);
  });
});
