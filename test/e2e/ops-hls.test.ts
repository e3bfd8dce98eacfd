// --metrics, --on-ready and --on-segment-complete on `hls`, through the built CLI: the segment and encoder
// counters match the playlist (read with hls-parser) and the files on disk; each hook runs once per event with
// its facts; the metrics pass promtool.
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import HLS from 'hls-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { promtool, sample, scrape } from '../helpers/metrics.js';
import { startJsonCli, type JsonCli } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';

let dir: string;
let cleanup: () => void;
let job: JsonCli | undefined;
beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-ops-hls-')));
afterAll(() => {
  if (job?.child.exitCode === null) job.child.kill('SIGKILL');
  cleanup();
});

const quoted = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
const hook = (log: string) => `sh -c 'printf "%s|%s|%s|%s\\n" "$LYDLR_EVENT" "$LYDLR_URL" "$LYDLR_SEGMENT_PATH" "$LYDLR_SEGMENT_DURATION" >> "$0"' ${quoted(log)}`;

describe('hls --metrics, --on-ready and --on-segment-complete', () => {
  it('live: segment counters follow the closed segments; ready once with the playlist; a hook line per segment with its path and duration', async () => {
    const out = join(dir, `live "it's" é`);
    const hookDir = join(dir, 'hooks');
    mkdirSync(hookDir);
    const log = join(hookDir, 'log');
    appendFileSync(log, '');
    job = startJsonCli(['hls', 'test', '-o', out, '--scale', '320x240', '--segment-duration', '1', '--playlist-length', '0', '--duration', '5',
      '--metrics', '127.0.0.1:0', '--on-ready', hook(log), '--on-segment-complete', hook(log)]);
    const metricsUrl = String((await job.waitFor((e) => e.type === 'metrics-ready', 30_000, 'metrics-ready')).url);
    const segmentsSoFar = () => job!.events.filter((e) => e.type === 'segment');
    const seen = await waitUntil('3 segments, and a scrape between two of them', async () => {
      const count = segmentsSoFar().length;
      const text = await scrape(metricsUrl);
      return count >= 3 && segmentsSoFar().length === count ? { count, text } : undefined;
    }, { timeoutMs: 60_000, intervalMs: 100 });
    const events = segmentsSoFar().slice(0, seen.count);
    expect(sample(seen.text, 'lydlr_hls_segments_written_total{rendition="main"}')).toBe(seen.count);
    expect(sample(seen.text, 'lydlr_hls_segment_bytes_total{rendition="main"}')).toBe(events.reduce((sum, e) => sum + Number(e.bytes), 0));
    expect(sample(seen.text, 'lydlr_stream_up{mount="/"}')).toBe(1);
    // The encoder's frames so far (updated with each progress tick): at least all but the last closed segment's
    // (1 s at 30 fps each), at most the run's total.
    const frames = sample(seen.text, 'lydlr_encoder_frames_total')!;
    expect(frames).toBeGreaterThanOrEqual(30 * (seen.count - 1));
    expect(sample(seen.text, 'lydlr_encoder_bytes_total')).toBeGreaterThan(0);
    const checked = await promtool(seen.text);
    expect(checked.exitCode, checked.output).toBe(0);

    expect(await job.exited).toBe(0);
    expect(Number((job.events.at(-1)!.stats as { frames: number }).frames)).toBeGreaterThanOrEqual(frames);
    const segments = segmentsSoFar();
    const lines = await waitUntil('a hook line per segment and one for ready', () => {
      const l = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      return l.length >= segments.length + 1 ? l : undefined;
    });
    const playlistPath = join(out, 'playlist.m3u8');
    expect(lines.filter((l) => l.startsWith('ready|'))).toEqual([`ready|${playlistPath}||`]);
    const complete = lines.filter((l) => l.startsWith('segment-complete|')).map((l) => l.split('|'));
    expect(complete.map((c) => c[2])).toEqual(segments.map((e) => String(e.path)));
    // Each hook's segment is in the final playlist with the duration the hook was told, and on disk whole.
    const playlist = HLS.parse(readFileSync(playlistPath, 'utf8')) as HLS.types.MediaPlaylist;
    expect(playlist.segments.map((s) => join(out, s.uri))).toEqual(complete.map((c) => c[2]));
    for (const [i, s] of playlist.segments.entries()) {
      expect(Number(complete[i]![3])).toBeCloseTo(s.duration, 2);
      expect(statSync(join(out, s.uri)).size).toBe(segments[i]!.bytes);
    }
  }, 120_000);
});
