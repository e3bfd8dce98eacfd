// What makes gst-discoverer-1.0 stop at the parsed caps instead of decoding (see no-decode.ts).
// Apart and light: the early probe starts from it before the command's modules load.

// The software video decoders Debian's GStreamer offers, by the parsed caps they take.
export const VIDEO_DECODERS: Readonly<Record<string, readonly string[]>> = {
  'video/x-h264': ['avdec_h264', 'openh264dec'],
  'video/x-h265': ['avdec_h265', 'libde265dec'],
  'video/x-vp8': ['vp8dec', 'avdec_vp8'],
  'video/x-vp9': ['vp9dec', 'avdec_vp9'],
  'video/x-av1': ['dav1ddec', 'av1dec', 'avdec_av1'],
};

// libav's AAC decoders. Loading libavcodec and its libraries takes ~50 ms, more than the rest of a
// probe, and the discoverer describes nothing unless one stream decodes: ranked down, AAC is
// decoded by faad (plugins-bad) instead, which loads in ~1 ms. Its decoded layout is not libav's
// (it makes mono stereo), so a probe made this way reports the channels the stream declares.
export const LIBAV_AAC_DECODERS = ['avdec_aac', 'avdec_aac_fixed', 'avdec_aac_latm'] as const;

export interface NoDecodeOptions {
  /** AAC decoded by faad rather than libav (see LIBAV_AAC_DECODERS). */
  lightAudio?: boolean;
}

// The discoverer's environment for a probe that stops before decoding: user ranks kept, ours added.
export function noDecodeEnv(env: NodeJS.ProcessEnv, options: NoDecodeOptions = {}): NodeJS.ProcessEnv {
  const decoders = [...Object.values(VIDEO_DECODERS).flat(), ...(options.lightAudio ? LIBAV_AAC_DECODERS : [])];
  const ranks = [env.GST_PLUGIN_FEATURE_RANK, ...decoders.map((d) => `${d}:NONE`)].filter(Boolean).join(',');
  return { ...env, GST_PLUGIN_FEATURE_RANK: ranks };
}
