// The encode flags the streaming servers (rtsp, webrtc) share: the same names, each with its own defaults.
export interface StreamEncodeFlags {
  codec?: string;
  bitrate?: number;
  preset?: string;
  scale?: string;
  fps?: number;
  keyframeInterval?: number;
}
