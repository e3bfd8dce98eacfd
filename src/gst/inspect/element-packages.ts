// Which Debian package provides an element we use, for "not installed" messages and doctor fixes.

const BY_PACKAGE: Record<string, string[]> = {
  'gstreamer1.0-tools': [],
  'gstreamer1.0-plugins-base': [
    'videoconvert', 'videoscale', 'videorate', 'audioconvert', 'audioresample', 'audiorate', 'decodebin', 'uridecodebin',
    'urisourcebin', 'decodebin3', 'playbin', 'videotestsrc', 'audiotestsrc', 'opusenc', 'opusdec', 'vorbisenc', 'vorbisdec',
    'oggmux', 'oggdemux', 'theoraenc', 'tcpserversink', 'tcpclientsrc', 'appsrc', 'appsink', 'encodebin',
  ],
  'gstreamer1.0-plugins-good': [
    'mp4mux', 'qtmux', 'qtdemux', 'matroskamux', 'matroskademux', 'webmmux', 'flvmux', 'flvdemux', 'vp8enc', 'vp8dec',
    'vp9enc', 'vp9dec', 'rtph264pay', 'rtph264depay', 'rtph265pay', 'rtph265depay', 'rtpvp8pay', 'rtpvp8depay', 'rtpvp9pay',
    'rtpvp9depay', 'rtpopuspay', 'rtpopusdepay', 'rtpmp4gpay', 'rtpmp4gdepay', 'rtpmpapay', 'rtspsrc', 'rtpbin', 'udpsrc',
    'udpsink', 'souphttpsrc', 'v4l2src', 'v4l2h264enc', 'v4l2h265enc', 'v4l2vp8enc', 'v4l2vp9enc', 'aacparse',
    'mpegaudioparse', 'splitmuxsink', 'multifilesink', 'rtpjitterbuffer', 'level', 'jpegdec', 'lamemp3enc',
  ],
  'gstreamer1.0-plugins-bad': [
    'h264parse', 'h265parse', 'av1parse', 'mpegtsmux', 'tsdemux', 'hlssink2', 'hlssink', 'webrtcbin', 'srtsrc', 'srtsink',
    'rtmp2sink', 'rtmp2src', 'av1enc', 'av1dec', 'x265enc', 'vah264enc', 'vah265enc', 'vavp8enc', 'vavp9enc', 'vaav1enc',
    'qsvh264enc', 'qsvh265enc', 'qsvvp9enc', 'qsvav1enc', 'nvh264enc', 'nvh265enc', 'nvav1enc', 'vah264dec', 'fdkaacenc',
    'voaacenc', 'dtlssrtpenc', 'srtpenc', 'mpegpsmux', 'vp9alphadecodebin', 'webrtcdsp', 'ivfparse', 'dashsink', 'opusparse', 'vp9parse',
  ],
  'gstreamer1.0-plugins-ugly': ['x264enc', 'mpeg2dec', 'a52dec', 'asfdemux', 'dvdlpcmdec'],
  'gstreamer1.0-libav': ['avenc_aac', 'avdec_aac', 'avdec_h264', 'avdec_h265', 'avdec_mp3', 'avdec_vp9', 'avenc_mpeg4', 'avdec_av1'],
  'gstreamer1.0-rtsp': ['rtspclientsink'],
  'gstreamer1.0-nice': ['nicesrc', 'nicesink'],
  'gstreamer1.0-vaapi': ['vaapih264enc', 'vaapih265enc', 'vaapivp8enc', 'vaapivp9enc', 'vaapipostproc'],
  'gstreamer1.0-plugins-base-apps': [],
};

const PACKAGE_OF = new Map<string, string>(
  Object.entries(BY_PACKAGE).flatMap(([pkg, elements]) => elements.map((e) => [e, pkg] as [string, string])),
);

/** Elements that only NVIDIA's DeepStream SDK or drivers provide (not Debian). */
export const NVIDIA_NOTE = 'NVIDIA DeepStream SDK / drivers (not a Debian package)';

// The package for an element, by name; avdec_*/avenc_* are libav; nv* are NVIDIA's.
export function packageForElement(element: string): string | undefined {
  const known = PACKAGE_OF.get(element);
  if (known) return known;
  if (/^av(enc|dec|demux|mux)_/.test(element)) return 'gstreamer1.0-libav';
  if (/^nv/.test(element)) return NVIDIA_NOTE;
  return undefined;
}
