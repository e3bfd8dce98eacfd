// The bit rate an RTSP mount gets when none is given: in the help, the schema, and the limits check (a
// default is always within the encoder's range, so it costs no gst-inspect).
export const RTSP_BITRATE_KBPS = 2000;
