import { describe, expect, it } from 'vitest';
import HLS from 'hls-parser';
import { measureBandwidth, parseMediaPlaylist, renderMasterPlaylist, renderMediaPlaylist, targetDurationFor } from '../../../../src/jobs/hls/playlist.js';

// hlssink2 1.22's own output, byte for byte (no newline after ENDLIST, integer EXTINFs).
const HLSSINK2 = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-TARGETDURATION:2\n\n#EXTINF:2,\nseg00000.ts\n#EXTINF:2,\nseg00001.ts\n#EXTINF:1.966666579246521,\nseg00002.ts\n#EXT-X-ENDLIST';

describe('parseMediaPlaylist', () => {
  it('reads hlssink2 output', () => {
    const p = parseMediaPlaylist(HLSSINK2);
    expect(p).toMatchObject({ mediaSequence: 0, targetDuration: 2, endList: true, complete: true });
    expect(p.segments).toEqual([
      { uri: 'seg00000.ts', durationSeconds: 2 },
      { uri: 'seg00001.ts', durationSeconds: 2 },
      { uri: 'seg00002.ts', durationSeconds: 1.966666579246521 },
    ]);
  });

  it('notices a file caught mid-write', () => {
    const live = HLSSINK2.replace('#EXT-X-ENDLIST', '');
    expect(parseMediaPlaylist(live).complete).toBe(true);
    expect(parseMediaPlaylist(live.slice(0, live.indexOf('seg00001.ts'))).complete).toBe(false);
    expect(parseMediaPlaylist(live.slice(0, -4)).complete).toBe(false);
    expect(parseMediaPlaylist('').complete).toBe(false);
  });

  it('keeps discontinuities and skips junk', () => {
    const p = parseMediaPlaylist('#EXTM3U\n#EXTINF:2,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:bad,\nx.ts\n#EXTINF:1.5,\nb.ts\n');
    expect(p.segments).toEqual([{ uri: 'a.ts', durationSeconds: 2 }, { uri: 'b.ts', durationSeconds: 1.5, discontinuity: true }]);
  });
});

describe('renderMediaPlaylist', () => {
  it('writes a standard VOD playlist', () => {
    const text = renderMediaPlaylist({ targetDuration: 2, mediaSequence: 0, discontinuitySequence: 0, type: 'VOD', endList: true, segments: [{ uri: 'seg00000.ts', durationSeconds: 2 }, { uri: 'seg00001.ts', durationSeconds: 1.966666579 }] });
    expect(text).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n' +
        '#EXTINF:2.000000,\nseg00000.ts\n#EXTINF:1.966667,\nseg00001.ts\n#EXT-X-ENDLIST\n',
    );
  });

  it('writes a live window with sequence numbers and discontinuities', () => {
    const text = renderMediaPlaylist({ targetDuration: 2, mediaSequence: 7, discontinuitySequence: 1, type: undefined, endList: false, segments: [{ uri: 'a.ts', durationSeconds: 2, discontinuity: true }] });
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n');
    expect(text).toContain('#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\na.ts\n');
    expect(text).not.toContain('PLAYLIST-TYPE');
    expect(text).not.toContain('ENDLIST');
  });
});

describe('renderMediaPlaylist (fMP4, LL-HLS)', () => {
  const part = (n: number, independent = false, durationSeconds = 0.5) => ({ uri: `part${String(n).padStart(5, '0')}.m4s`, durationSeconds, independent });
  const date = (s: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, s));
  const model = {
    targetDuration: 2,
    mediaSequence: 3,
    discontinuitySequence: 0,
    type: undefined,
    version: 7,
    endList: false,
    segments: [
      // Older segments carry no parts (the job lists them only near the live edge).
      { uri: 'seg00003.m4s', durationSeconds: 2, map: 'init.mp4', programDateTime: date(6) },
      { uri: 'seg00004.m4s', durationSeconds: 2, map: 'init.mp4', programDateTime: date(8), parts: [part(16, true), part(17), part(18), part(19, false, 0.499)] },
    ],
    lowLatency: { partTarget: 0.534, partHoldBack: 1.602, openParts: [part(20, true), part(21)], preloadHint: 'part00022.m4s', canSkipUntil: 12 },
  };

  it('writes the header tags in order, EXT-X-MAP once, a date and the parts before each segment, then the open parts and the preload hint', () => {
    expect(renderMediaPlaylist(model).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.602,CAN-SKIP-UNTIL=12',
      '#EXT-X-PART-INF:PART-TARGET=0.534',
      '#EXT-X-MEDIA-SEQUENCE:3',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXT-X-PROGRAM-DATE-TIME:2025-06-01T12:00:06.000Z',
      '#EXTINF:2.000000,',
      'seg00003.m4s',
      '#EXT-X-PROGRAM-DATE-TIME:2025-06-01T12:00:08.000Z',
      '#EXT-X-PART:DURATION=0.5,URI="part00016.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.5,URI="part00017.m4s"',
      '#EXT-X-PART:DURATION=0.5,URI="part00018.m4s"',
      '#EXT-X-PART:DURATION=0.499,URI="part00019.m4s"',
      '#EXTINF:2.000000,',
      'seg00004.m4s',
      '#EXT-X-PART:DURATION=0.5,URI="part00020.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.5,URI="part00021.m4s"',
      '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part00022.m4s"',
      '',
    ]);
  });

  it('writes EXT-X-MAP again where the init segment changes (a new run of a looped input), after its discontinuity', () => {
    const looped = { ...model, segments: [model.segments[0]!, { uri: 'seg1_00000.m4s', durationSeconds: 2, map: 'init1.mp4', discontinuity: true, programDateTime: date(20) }] };
    const text = renderMediaPlaylist(looped);
    expect(text).toContain('seg00003.m4s\n#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init1.mp4"\n#EXT-X-PROGRAM-DATE-TIME:2025-06-01T12:00:20.000Z\n#EXTINF:2.000000,\nseg1_00000.m4s\n');
    expect(text.match(/#EXT-X-MAP/g)).toHaveLength(2);
  });

  it('ends with ENDLIST and no open parts or preload hint once the stream is over', () => {
    const lines = renderMediaPlaylist({ ...model, endList: true }).split('\n');
    expect(lines.slice(-4)).toEqual(['#EXTINF:2.000000,', 'seg00004.m4s', '#EXT-X-ENDLIST', '']);
    expect(lines.some((l) => l.startsWith('#EXT-X-PRELOAD-HINT') || l.includes('part00020'))).toBe(false);
  });

  it('reads back (hls-parser, strict) with the part target, hold-back, parts, hint and dates', () => {
    HLS.setOptions({ strictMode: true });
    const p = HLS.parse(renderMediaPlaylist(model)) as HLS.types.MediaPlaylist;
    expect(p.partTargetDuration).toBe(0.534);
    expect(p.lowLatencyCompatibility).toMatchObject({ canBlockReload: true, partHoldBack: 1.602, canSkipUntil: 12 });
    expect(p.segments.map((s) => s.mediaSequenceNumber)).toEqual([3, 4, 5]);
    expect(p.segments[1]!.parts.map((x) => [x.uri, x.duration, x.independent === true])).toEqual([
      ['part00016.m4s', 0.5, true], ['part00017.m4s', 0.5, false], ['part00018.m4s', 0.5, false], ['part00019.m4s', 0.499, false],
    ]);
    // The open segment: its parts so far and the hinted one.
    expect(p.segments[2]!.parts.map((x) => [x.uri, x.hint === true])).toEqual([['part00020.m4s', false], ['part00021.m4s', false], ['part00022.m4s', true]]);
    expect(p.segments[0]!.programDateTime?.toISOString()).toBe('2025-06-01T12:00:06.000Z');
    expect(p.segments.slice(0, 2).every((s) => s.map?.uri === 'init.mp4')).toBe(true);
  });
});

describe('renderMediaPlaylist: delta updates (_HLS_skip=YES)', () => {
  const ll = { partTarget: 0.534, partHoldBack: 1.602, openParts: [{ uri: 'part00020.m4s', durationSeconds: 0.5, independent: true }], preloadHint: 'part00021.m4s', canSkipUntil: 6 };
  const segments = Array.from({ length: 9 }, (_, i) => ({ uri: `seg${i}.m4s`, durationSeconds: 1, map: 'init.mp4', programDateTime: new Date(Date.UTC(2025, 0, 1, 0, 0, i)) }));
  const model = { targetDuration: 1, mediaSequence: 40, discontinuitySequence: 0, type: undefined, segments, endList: false, version: 7, lowLatency: ll };

  it('replaces the first N segments by #EXT-X-SKIP, raises the version to 9, and writes EXT-X-MAP again before the first one listed', () => {
    const lines = renderMediaPlaylist({ ...model, skippedSegments: 3 }).split('\n');
    expect(lines.slice(0, 10)).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:9',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.602,CAN-SKIP-UNTIL=6',
      '#EXT-X-PART-INF:PART-TARGET=0.534',
      '#EXT-X-MEDIA-SEQUENCE:40',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-SKIP:SKIPPED-SEGMENTS=3',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:03.000Z',
    ]);
    expect(lines.filter((l) => l.endsWith('.m4s') && !l.startsWith('#'))).toEqual(['seg3.m4s', 'seg4.m4s', 'seg5.m4s', 'seg6.m4s', 'seg7.m4s', 'seg8.m4s']);
    expect(lines.slice(-4)).toEqual(['seg8.m4s', '#EXT-X-PART:DURATION=0.5,URI="part00020.m4s",INDEPENDENT=YES', '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part00021.m4s"', '']);
  });

  it('reads back (hls-parser, strict) as the tail of the full playlist with the same sequence numbers', () => {
    HLS.setOptions({ strictMode: true });
    const full = HLS.parse(renderMediaPlaylist(model)) as HLS.types.MediaPlaylist;
    const delta = HLS.parse(renderMediaPlaylist({ ...model, skippedSegments: 3 })) as HLS.types.MediaPlaylist;
    expect(full.version).toBe(7);
    expect(full.lowLatencyCompatibility?.canSkipUntil).toBe(6);
    expect(delta.version).toBe(9);
    expect(delta.skip).toBe(3);
    const listed = (p: HLS.types.MediaPlaylist) => p.segments.map((s) => [s.mediaSequenceNumber, s.uri, s.duration, s.programDateTime?.toISOString()]);
    expect(listed(delta)).toEqual(listed(full).slice(3));
  });

  it('writes no CAN-SKIP-UNTIL when none is offered', () => {
    expect(renderMediaPlaylist({ ...model, lowLatency: { ...ll, canSkipUntil: undefined } })).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.602\n');
  });
});

describe('targetDurationFor', () => {
  it.each([
    [[2, 2, 1.97], 1, 2],
    [[2.4, 2.6], 1, 3],
    [[1.5, 1.5, 0.4], 1, 2],
    [[], 1.5, 2],
    [[], 4, 4],
  ])('%j (at least %d) → %d', (durations, atLeast, expected) => {
    expect(targetDurationFor(durations.map((d) => ({ uri: 'x', durationSeconds: d })), atLeast)).toBe(expected);
  });
});

describe('renderMasterPlaylist', () => {
  it('writes one STREAM-INF per variant with every attribute', () => {
    const text = renderMasterPlaylist([
      { uri: '720p/playlist.m3u8', bandwidth: 3129824.4, averageBandwidth: 3057748, width: 1280, height: 720, frameRate: 30, codecs: ['avc1.64001f', 'mp4a.40.2'] },
      { uri: '360p/playlist.m3u8', bandwidth: 867056, averageBandwidth: 813065, width: 640, height: 360, frameRate: 29.97, codecs: ['avc1.64001e'] },
    ]);
    expect(text.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-STREAM-INF:BANDWIDTH=3129824,AVERAGE-BANDWIDTH=3057748,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS="avc1.64001f,mp4a.40.2"',
      '720p/playlist.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=867056,AVERAGE-BANDWIDTH=813065,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS="avc1.64001e"',
      '360p/playlist.m3u8',
      '',
    ]);
  });
});

describe('renderMasterPlaylist with an audio group', () => {
  it('lists each audio rendition as EXT-X-MEDIA before the variants, and each variant names the group', () => {
    const media = (name: string, language: string | undefined, isDefault: boolean, channels: number | undefined, uri: string) => ({ groupId: 'aud', name, language, isDefault, channels, uri });
    const text = renderMasterPlaylist(
      [{ uri: 'playlist.m3u8', bandwidth: 900000, averageBandwidth: 850000, width: 640, height: 360, frameRate: 30, codecs: ['avc1.64001e', 'mp4a.40.2'], audioGroup: 'aud' }],
      3,
      [media('English', 'en', true, 2, 'audio_1/playlist.m3u8'), media('Audio "2"', undefined, false, undefined, 'audio_2/playlist.m3u8')],
    );
    expect(text.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio_1/playlist.m3u8"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="Audio 2",DEFAULT=NO,AUTOSELECT=YES,URI="audio_2/playlist.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=850000,RESOLUTION=640x360,FRAME-RATE=30.000,CODECS="avc1.64001e,mp4a.40.2",AUDIO="aud"',
      'playlist.m3u8',
      '',
    ]);
  });
});

describe('measureBandwidth', () => {
  it('takes the peak over runs of 0.5-1.5 target durations and the average over all', () => {
    const segments = [
      { durationSeconds: 2, bytes: 250_000 }, // 1 Mbit/s
      { durationSeconds: 2, bytes: 750_000 }, // 3 Mbit/s
      { durationSeconds: 0.1, bytes: 100_000 }, // 8 Mbit/s, but too short to count alone
    ];
    const { peak, average } = measureBandwidth(segments, 2);
    expect(peak).toBeCloseTo((850_000 * 8) / 2.1, 0);
    expect(average).toBeCloseTo((1_100_000 * 8) / 4.1, 0);
  });

  it('is zero for nothing and never below the average', () => {
    expect(measureBandwidth([], 2)).toEqual({ peak: 0, average: 0 });
    const short = measureBandwidth([{ durationSeconds: 0.5, bytes: 1000 }], 4);
    expect(short.peak).toBe(short.average);
  });
});
