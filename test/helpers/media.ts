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
