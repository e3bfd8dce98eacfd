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

// The discoverer's environment for a probe that stops before decoding: user ranks kept, ours added.
export function noDecodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const none = Object.values(VIDEO_DECODERS).flat().map((d) => `${d}:NONE`);
  const ranks = [env.GST_PLUGIN_FEATURE_RANK, ...none].filter(Boolean).join(',');
  return { ...env, GST_PLUGIN_FEATURE_RANK: ranks };
}
