// --metrics and --on-segment-complete on `record`, through the built CLI: the segment counters and the
// bytes-on-disk gauge match the files on disk, and the hook runs once per closed segment with its
// final path and duration (checked with ffprobe).
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ffprobe } from '../helpers/media.js';
import { promtool, sample, scrape } from '../helpers/metrics.js';
import { startJsonCli, type JsonCli } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';

let dir: string;
let cleanup: () => void;
let recorder: JsonCli | undefined;
beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-ops-record-')));
afterAll(() => {
  if (recorder?.child.exitCode === null) recorder.child.kill('SIGKILL');
  cleanup();
});

const visible = (d: string) => readdirSync(d).filter((f) => !f.startsWith('.') && f.endsWith('.ts'));
const quoted = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;

describe('record --metrics and --on-segment-complete', () => {
  it('segments written/deleted and bytes on disk match the folder; the hook gets each closed segment once with its path and duration', async () => {
    const out = join(dir, `rec "it's" é, = !`);
    const hookDir = join(dir, 'hook out');
    mkdirSync(hookDir);
    appendFileSync(join(hookDir, 'log'), '');
    recorder = startJsonCli(['record', 'test', '-o', out, '--segment', '1s', '--format', 'ts', '--max-files', '2', '--metrics', '127.0.0.1:0',
      '--on-segment-complete', `sh -c 'printf "%s|%s|%s\\n" "$LYDLR_EVENT" "$LYDLR_SEGMENT_PATH" "$LYDLR_SEGMENT_DURATION" >> "$0/log"' ${quoted(hookDir)}`]);
    const metricsUrl = String((await recorder.waitFor((e) => e.type === 'metrics-ready', 30_000, 'metrics-ready')).url);
    const closedSoFar = () => recorder!.events.filter((e) => e.type === 'segment-closed').length;

    // A scrape and a look at the folder with no segment closing in between.
    const seen = await waitUntil('4 segments written, and a scrape and the folder taken between two closes', async () => {
      const closed = closedSoFar();
      const text = await scrape(metricsUrl);
      const files = visible(out);
      const bytes = files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
      return closed >= 4 && closedSoFar() === closed ? { closed, text, files, bytes } : undefined;
    }, { timeoutMs: 60_000, intervalMs: 100 });
    const deletedEvents = recorder.events.filter((e) => e.type === 'segment-deleted').length;
    expect(sample(seen.text, 'lydlr_recording_segments_written_total')).toBe(seen.closed);
    expect(sample(seen.text, 'lydlr_recording_segments_deleted_total')).toBe(deletedEvents);
    expect(deletedEvents).toBe(seen.closed - 2); // --max-files 2
    expect(seen.files).toHaveLength(2);
    expect(sample(seen.text, 'lydlr_recording_disk_bytes')).toBe(seen.bytes);
    const checked = await promtool(seen.text);
    expect(checked.exitCode, checked.output).toBe(0);

    recorder.child.kill('SIGINT');
    expect(await recorder.exited).toBe(130);
    const closed = recorder.events.filter((e) => e.type === 'segment-closed');
    const log = await waitUntil('a hook line per closed segment', () => {
      const lines = readFileSync(join(hookDir, 'log'), 'utf8').split('\n').filter(Boolean);
      return lines.length >= closed.length ? lines : undefined;
    });
    expect(log.map((l) => l.split('|').slice(0, 2))).toEqual(closed.map((e) => ['segment-complete', String(e.path)]));
    for (const [i, line] of log.entries()) expect(Number(line.split('|')[2])).toBe(closed[i]!.durationSeconds);
    // The segments still on disk are the hook's last two, and ffprobe agrees with their durations.
    for (const line of log.slice(-2)) {
      const [, path, duration] = line.split('|');
      expect(existsSync(path!)).toBe(true);
      expect(Math.abs(Number((await ffprobe(path!)).format.duration) - Number(duration))).toBeLessThan(0.1);
    }
  }, 120_000);
});
