// --audio modes into the containers that take them, through the built CLI, read back with ffprobe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import { decodeErrors, ffprobe, makeClip, makeClipWithAudio, streamDuration } from '../helpers/media.js';

const tmp = tempDir('lydlr-compress-audio-');
const src = (name: string) => join(tmp.dir, name);
beforeAll(async () => {
  await makeClip(src('aac.mp4'), { seconds: 2, audio: true });
  await makeClip(src('opus.webm'), { seconds: 2, audio: true, container: 'webm' });
  await makeClipWithAudio(src('mp3.mkv'), 'mp3');
  await makeClipWithAudio(src('vorbis.mkv'), 'vorbis');
});
afterAll(() => tmp.cleanup());

describe('compress --audio', () => {
  it.each([
    // source, output, flags, expected audio codec, the result's audio field
    ['aac.mp4', 'copy-aac.mkv', ['--audio', 'copy'], 'aac', 'copy aac'],
    ['mp3.mkv', 'copy-mp3.mp4', ['--audio', 'copy'], 'mp3', 'copy mp3'],
    ['opus.webm', 'copy-opus.mkv', ['--audio', 'copy'], 'opus', 'copy opus'],
    ['vorbis.mkv', 'copy-vorbis.webm', ['--audio', 'copy', '--codec', 'vp8'], 'vorbis', 'copy vorbis'],
    ['opus.webm', 'aac.mov', ['--audio', 'aac'], 'aac', 'encode aac'],
    ['aac.mp4', 'opus.mp4', ['--audio', 'opus'], 'opus', 'encode opus'],
    ['aac.mp4', 'opus.ts', ['--audio', 'opus'], 'opus', 'encode opus'],
    ['aac.mp4', 'vorbis.webm', ['--audio', 'vorbis', '--codec', 'vp9'], 'vorbis', 'encode vorbis'],
    ['opus.webm', 'auto.flv', [], 'aac', 'encode aac'],
    ['mp3.mkv', 'auto.mkv', [], 'mp3', 'copy mp3'],
  ])('%s → %s %j: ffprobe reads %s audio as long as the video, the result says "%s", ffmpeg decodes it cleanly', async (input, output, flags, codec, summary) => {
    const out = join(tmp.dir, output);
    const r = await cli(['--json', 'compress', src(input), out, '--preset', 'ultrafast', ...flags]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, audio: summary });
    const audio = (await ffprobe(out)).streams.filter((s) => s.codec_type === 'audio');
    expect(audio.map((s) => s.codec_name)).toEqual([codec]);
    const video = await streamDuration(out, 'video');
    expect(Math.abs(video - 2)).toBeLessThan(0.1);
    expect(Math.abs((await streamDuration(out, 'audio')) - video)).toBeLessThan(0.1);
    expect(await decodeErrors(out)).toEqual({ exitCode: 0, errors: [] });
  });

  // Not in the table above: flvmux (1.22) ends this file with an extra MP3 tag at the last
  // tag's timestamp, and ffmpeg then reports non-monotonic DTS while decoding (still exit 0).
  it('aac.mp4 → mp3.flv --audio mp3: MP3 audio resampled to 44.1 kHz (FLV has no 48 kHz) as long as the video, ffmpeg decodes with exit 0', async () => {
    const out = join(tmp.dir, 'mp3.flv');
    const r = await cli(['--json', 'compress', src('aac.mp4'), out, '--preset', 'ultrafast', '--audio', 'mp3']);
    expect(r.exitCode, r.stderr).toBe(0);
    const audio = (await ffprobe(out)).streams.filter((s) => s.codec_type === 'audio');
    expect(audio.map((s) => [s.codec_name, s.sample_rate])).toEqual([['mp3', '44100']]);
    expect(Math.abs((await streamDuration(out, 'audio')) - (await streamDuration(out, 'video')))).toBeLessThan(0.1);
    expect((await decodeErrors(out)).exitCode).toBe(0);
  });

  it.each([
    ['copy of AAC into .webm', 'aac.mp4', 'refused.webm', ['--audio', 'copy', '--codec', 'vp8'], /Cannot copy aac audio into \.webm/, /use --audio opus/],
    ['copy of MP3 into .webm', 'mp3.mkv', 'refused.webm', ['--audio', 'copy', '--codec', 'vp9'], /Cannot copy mp3 audio into \.webm/, /opus, vorbis/],
    ['opus into .flv', 'aac.mp4', 'refused.flv', ['--audio', 'opus'], /\.flv cannot hold opus audio/, /\.flv takes aac, mp3/],
    ['opus into .mov', 'aac.mp4', 'refused.mov', ['--audio', 'opus'], /\.mov cannot hold opus audio/, /\.mov takes aac, mp3/],
    ['vorbis into .mp4', 'aac.mp4', 'refused.mp4', ['--audio', 'vorbis'], /\.mp4 cannot hold vorbis audio/, /\.mp4 takes aac, opus, mp3/],
    ['aac into .webm', 'aac.mp4', 'refused.webm', ['--audio', 'aac', '--codec', 'vp8'], /\.webm cannot hold aac audio/, /opus, vorbis/],
  ])('refuses %s: exit 2, the message and what the container takes, no file created', async (_name, input, output, flags, message, takes) => {
    const before = readdirSync(tmp.dir).sort();
    const r = await cli(['compress', src(input), join(tmp.dir, output), ...flags]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(takes);
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
  });
});
