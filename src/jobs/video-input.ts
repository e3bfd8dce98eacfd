// Inputs a video job cannot encode, told apart from the probe before anything runs, with the same
// words for every command: no video stream at all (audio only), or a single still picture.
import { UsageError } from '../errors.js';
import type { MediaInfo } from '../gst/discover/schema.js';

export function requireVideo(input: string, media: MediaInfo): void {
  const video = media.video[0];
  if (!video) {
    const what = media.audio.length > 0 ? 'only audio' : 'no stream we can read';
    throw new UsageError(`The input "${input}" has no video stream (it holds ${what}).`, {
      fix: 'Give a file with a video track.',
      data: { input, audioStreams: media.audio.length },
    });
  }
  // gst-discoverer reports a picture (PNG, JPEG…) as an image/* stream with no duration.
  if (video.codec.startsWith('image/')) {
    throw new UsageError(`The input "${input}" is a still image (${video.codec}), not a video.`, {
      fix: `Make a video of it first, e.g. ffmpeg -loop 1 -i "${input}" -t 5 -pix_fmt yuv420p clip.mp4`,
      data: { input, codec: video.codec },
    });
  }
}
