// A video file we wrote, played to its end by Debian's Chromium (playwright-core, headless) in a plain
// <video> element, as a browser user would: what loaded, how far it played, and any media error.
// The page is a file:// page in its own temp folder; the video is referenced by its file URL, so the
// file's folder gets nothing new and any file name works (the URL is percent-encoded, set from script).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];

export interface PlayedVideo {
  videoWidth: number;
  videoHeight: number;
  /** What the element read from the file's header, in seconds. */
  duration: number;
  ended: boolean;
  currentTime: number;
  /** currentTime at every timeupdate, in order: where playback actually passed. */
  times: number[];
  /** MediaError code and message, or null. */
  error: string | null;
  /** Frames the element decoded (getVideoPlaybackQuality). */
  decodedFrames: number;
}

// Muted, so no audio device is needed; the audio track is still demuxed (a bad one errors the element).
const page = (src: string) => `<!doctype html><meta charset="utf-8"><video muted playsinline></video><script>
const v = document.querySelector('video');
window.played = { times: [], error: null };
v.addEventListener('timeupdate', () => window.played.times.push(v.currentTime));
v.addEventListener('error', () => { window.played.error = v.error ? v.error.code + ' ' + v.error.message : 'error'; });
v.src = ${JSON.stringify(src)};
v.play().catch((e) => { window.played.error = 'play(): ' + e.message; });
</script>`;

/** Plays the file from the start until it ends or errors (or the timeout, which throws). */
export async function playVideoFile(path: string, timeoutMs = 60_000): Promise<PlayedVideo> {
  const dir = mkdtempSync(join(tmpdir(), 'lydlr-video-page-'));
  const html = join(dir, 'play.html');
  writeFileSync(html, page(pathToFileURL(path).href));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  try {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(html).href);
    await tab.waitForFunction(() => {
      const w = window as unknown as { played: { error: string | null } };
      return (document.querySelector('video') as HTMLVideoElement).ended || w.played.error !== null;
    }, undefined, { timeout: timeoutMs, polling: 100 });
    return await tab.evaluate(() => {
      const v = document.querySelector('video') as HTMLVideoElement;
      const w = window as unknown as { played: { times: number[]; error: string | null } };
      return {
        videoWidth: v.videoWidth, videoHeight: v.videoHeight, duration: v.duration, ended: v.ended, currentTime: v.currentTime,
        times: w.played.times, error: w.played.error, decodedFrames: v.getVideoPlaybackQuality().totalVideoFrames,
      };
    });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
