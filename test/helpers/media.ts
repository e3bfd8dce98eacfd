// Real media for tests, made with gst-launch-1.0, and read back with ffprobe.
import { execa } from 'execa';

// An H.264 + AAC (or video-only) file of `seconds` at the given size.
export async function makeClip(path: string, options: { seconds?: number; width?: number; height?: number; fps?: number; audio?: boolean; container?: 'mp4' | 'mkv' | 'webm' | 'mov' | 'ts' } = {}): Promise<void> {
  const { seconds = 2, width = 320, height = 240, fps = 30, audio = true, container = 'mp4' } = options;
  const frames = Math.round(seconds * fps);
  const webm = container === 'webm';
  const muxer = { mp4: 'mp4mux', mkv: 'matroskamux', webm: 'webmmux', mov: 'qtmux', ts: 'mpegtsmux' }[container];
  const video = ['videotestsrc', `num-buffers=${frames}`, 'pattern=ball', '!', `video/x-raw,width=${width},height=${height},framerate=${fps}/1,format=I420`, '!',
    ...(webm ? ['vp8enc', 'deadline=1'] : ['x264enc', 'speed-preset=ultrafast', '!', 'h264parse']), '!', 'queue', '!', 'mux.'];
  const sound = audio
    ? ['audiotestsrc', `num-buffers=${frames}`, `samplesperbuffer=${Math.round(48000 / fps)}`, '!', 'audio/x-raw,rate=48000,channels=2', '!', 'audioconvert', '!',
        ...(webm ? ['opusenc'] : ['avenc_aac', '!', 'aacparse']), '!', 'queue', '!', 'mux.']
    : [];
  await execa('gst-launch-1.0', ['-q', '-e', ...video, ...sound, muxer!, 'name=mux', '!', 'filesink', `location=${quoteForGst(path)}`], { env: { ...process.env, LC_ALL: 'C' } });
}

function quoteForGst(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  profile?: string;
  duration?: string;
  /** The matrix the stream says it uses (bt709, smpte170m…), when it says. */
  color_space?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  sample_rate?: string;
}

export async function ffprobe(path: string): Promise<{ streams: ProbedStream[]; format: { duration?: string; format_name: string; size?: string } }> {
  const r = await execa('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]);
  return JSON.parse(r.stdout);
}

// Decodes the whole file with ffmpeg; resolves the decoded duration in seconds.
export async function decodedDuration(path: string): Promise<number> {
  const r = await execa('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'], { reject: false });
  if (r.exitCode !== 0) throw new Error(`ffmpeg could not decode ${path}: ${r.stderr}`);
  const probe = await ffprobe(path);
  return Number(probe.format.duration);
}

// A clip full of fine detail that changes every frame (a Mandelbrot zoom, H.264 at high quality):
// a bitrate target binds on it, unlike a flat test pattern that compresses to almost nothing.
// `keyframeEvery` frames between keyframes (x264's own choice otherwise); `audio`: an AAC sine too.
export async function makeDetailedClip(path: string, options: { seconds?: number; width?: number; height?: number; fps?: number; keyframeEvery?: number; audio?: boolean } = {}): Promise<void> {
  const { seconds = 4, width = 640, height = 360, fps = 30 } = options;
  const sine = options.audio ? ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-c:a', 'aac', '-ac', '2'] : [];
  const gop = options.keyframeEvery ? ['-g', String(options.keyframeEvery)] : [];
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `mandelbrot=size=${width}x${height}:rate=${fps}`, ...sine, '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', ...gop, '-pix_fmt', 'yuv420p', path]);
}

// Decoded video frames, counted by ffprobe itself (not from the container's header).
export async function countVideoFrames(path: string): Promise<number> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path]);
  return Number(r.stdout.trim());
}

// Duration of the first stream of a type, from the last packet's end (works for .ts/.flv/.mkv,
// whose headers carry no per-stream duration).
export async function streamDuration(path: string, type: 'video' | 'audio'): Promise<number> {
  const { start, end } = await streamSpan(path, type);
  return end - start;
}

// Where the first stream of a type starts and ends on the file's clock: its first packet's time and its
// last packet's end.
export async function streamSpan(path: string, type: 'video' | 'audio'): Promise<{ start: number; end: number }> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', type === 'video' ? 'v:0' : 'a:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', path]);
  // csv output has blank lines between packets: skip them (Number('') would read as a 0 pts).
  const packets = r.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(',').map(Number));
  if (packets.length === 0) throw new Error(`no ${type} packets in ${path}`);
  const start = Math.min(...packets.map(([pts]) => pts!));
  const end = Math.max(...packets.map(([pts, d]) => pts! + (Number.isFinite(d) ? d! : 0)));
  return { start, end };
}

// The MD5 of every packet of the first stream of a type as stored (ffmpeg's framemd5 with -c copy), in order.
export async function packetHashes(path: string, type: 'video' | 'audio'): Promise<string[]> {
  const r = await execa('ffmpeg', ['-v', 'error', '-i', path, '-map', type === 'video' ? '0:v:0' : '0:a:0', '-c', 'copy', '-f', 'framemd5', '-']);
  return r.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((l) => l.split(',').pop()!.trim());
}

// The first packets of the first video stream as stored: "pts size flags" each, to show in a failure.
export async function firstVideoPackets(path: string, count = 8): Promise<string[]> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,size,flags', '-of', 'csv=p=0', path]);
  return r.stdout.split('\n').filter((l) => l.trim() !== '').slice(0, count);
}

// flvmux pads its metadata with a "gstfiller" string longer than ffmpeg's 256-byte AMF string
// buffer, so ffmpeg logs this for every seekable flvmux file, then reads the file normally.
const FLVMUX_FILLER_NOTICE = /^\[flv @ 0x[0-9a-f]+\] AMF_DATA_TYPE_STRING parsing failed$/;

// Decodes every stream with ffmpeg; resolves ffmpeg's exit code and error lines (none when clean).
// The decoded frames keep the file's own time base (-enc_time_base -1): by default ffmpeg counts video
// in frames of the nominal rate, and two frames less than a frame apart (a live recording, timed by
// packet arrival) land on one count, "non monotonically increasing dts", though the file holds them in
// order. Two frames at one and the same time are still reported.
export async function decodeErrors(path: string): Promise<{ exitCode: number; errors: string[] }> {
  const r = await execa('ffmpeg', ['-v', 'error', '-i', path, '-enc_time_base', '-1', '-f', 'null', '-'], { reject: false });
  const errors = String(r.stderr).split('\n').filter((l) => l.trim() !== '' && !FLVMUX_FILLER_NOTICE.test(l));
  return { exitCode: r.exitCode ?? -1, errors };
}

// A clip made by ffmpeg, for audio codecs makeClip does not write (MP3, Vorbis), in any container.
export async function makeClipWithAudio(path: string, audio: 'aac' | 'mp3' | 'opus' | 'vorbis', options: { seconds?: number; video?: 'h264' | 'vp8' } = {}): Promise<void> {
  const { seconds = 2, video = 'h264' } = options;
  const audioArgs = { aac: ['-c:a', 'aac'], mp3: ['-c:a', 'libmp3lame'], opus: ['-c:a', 'libopus'], vorbis: ['-c:a', 'libvorbis'] }[audio];
  const videoArgs = video === 'h264' ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : ['-c:v', 'libvpx', '-deadline', 'realtime'];
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=30:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    ...videoArgs, ...audioArgs, '-ac', '2', '-shortest', path]);
}

// The tone of one audio track (0-based among the audio streams), in Hz: ffmpeg decodes 1 s of it to 16-bit
// mono at 44.1 kHz and the zero crossings are counted. `file` may be a media playlist (ffmpeg reads HLS).
export async function toneOf(file: string, track: number): Promise<number> {
  const rate = 44100;
  const r = await execa('ffmpeg', ['-v', 'error', '-i', file, '-map', `0:a:${track}`, '-t', '1', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'], { encoding: 'buffer' });
  const samples = new Int16Array(r.stdout.buffer, r.stdout.byteOffset, Math.floor(r.stdout.byteLength / 2));
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1]! < 0) !== (samples[i]! < 0)) crossings++;
  return crossings / 2 / (samples.length / rate);
}
