// Phone clips store frames sideways with a display rotation (MP4 display matrix, GStreamer's
// "image orientation" tag). Containers we write do not all carry it, so jobs turn the frames
// upright (videoflip video-direction=auto reads the tag) and size everything as displayed.
import type { MediaInfo } from '../gst/discover/schema.js';

/** The input's orientation tag when it asks for a turn or flip ("rotate-90", "flip-rotate-270"…). */
export function orientationOf(media: MediaInfo | undefined): string | undefined {
  const tag = media?.tags['image orientation'];
  return tag && tag !== 'rotate-0' ? tag : undefined;
}

/** Width and height as shown: a quarter turn swaps them. */
export function displayedSize<T extends { width: number; height: number }>(size: T, orientation: string | undefined): T {
  return orientation && /(90|270)$/.test(orientation) ? { ...size, width: size.height, height: size.width } : size;
}
