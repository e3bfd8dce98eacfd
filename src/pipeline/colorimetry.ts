// The colorimetry a scaled copy of a video keeps: the input's own.
//
// YUV caps that state no colorimetry are read by GStreamer as BT.601 up to 576 lines, BT.709 above and
// BT.2020 from 2160 (gst-libs/gst/video/video-info.c, set_default_colorimetry). A scale across one of
// those lines (720p → 480p, 1080p → 360p) then also converts every pixel from one matrix to the other,
// and the video converter leaves its fast path for a general one: on 2 cores, 720p → 480p of 180 frames
// took 0.43 s of CPU instead of 0.17 s. Stating the input's colorimetry on the scaled caps keeps the
// pixels as they are (as ffmpeg's scale filter does), and the encoder labels the stream with it.

const YUV_DEFAULTS: readonly { fromHeight: number; colorimetry: string }[] = [
  { fromHeight: 2160, colorimetry: 'bt2020' },
  { fromHeight: 577, colorimetry: 'bt709' },
  { fromHeight: 0, colorimetry: 'bt601' },
];

// A caps value gst-launch-1.0 reads unquoted: a name (bt709) or the numeric form (range:matrix:transfer:primaries).
const COLORIMETRY_TOKEN = /^[A-Za-z0-9_:.+-]+$/;

/**
 * The colorimetry of a decoded video stream as GStreamer sees it: the one its caps state, else the
 * default for its height (the stored height: the decoder's frames are what the caps describe).
 */
export function keptColorimetry(video: { height: number; colorimetry?: string | undefined }): string | undefined {
  if (video.colorimetry !== undefined) return COLORIMETRY_TOKEN.test(video.colorimetry) ? video.colorimetry : undefined;
  if (!(video.height > 0)) return undefined;
  return YUV_DEFAULTS.find((d) => video.height >= d.fromHeight)?.colorimetry;
}
