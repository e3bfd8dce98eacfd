// The bit rate a webrtc stream gets when none is given: in the help, the schema, and the limits check (a
// default is always within the encoder's range, so it costs no gst-inspect).
export const WEBRTC_BITRATE_KBPS = 1500;
