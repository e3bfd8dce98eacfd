// The picture format comes from the output's extension, as it does for compress's containers.
import { extname } from 'node:path';
import { UsageError } from '../../errors.js';

export interface ImageFormat {
  name: 'jpeg' | 'png' | 'webp';
  /** The caps video_convert_sample encodes to (it picks jpegenc, pngenc or webpenc from them). */
  mime: string;
  /** The element that encodes it (doctor, and gst-launch jobs such as thumbnails). */
  encoder: string;
}

const FORMATS: Record<string, ImageFormat> = {
  '.jpg': { name: 'jpeg', mime: 'image/jpeg', encoder: 'jpegenc' },
  '.jpeg': { name: 'jpeg', mime: 'image/jpeg', encoder: 'jpegenc' },
  '.png': { name: 'png', mime: 'image/png', encoder: 'pngenc' },
  '.webp': { name: 'webp', mime: 'image/webp', encoder: 'webpenc' },
};

export const IMAGE_EXTENSIONS = Object.keys(FORMATS);

export function imageFormatOf(path: string): ImageFormat {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) {
    throw new UsageError(`Cannot tell the picture format of "${path}" from its extension.`, {
      fix: `Name the output with one of ${IMAGE_EXTENSIONS.join(', ')}.`,
      data: { output: path, accepted: IMAGE_EXTENSIONS },
    });
  }
  return format;
}
