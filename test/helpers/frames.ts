// Frame-by-frame checks with ffmpeg: chosen frames decoded to 8-bit luma, compared by PSNR, and the
// timestamps and keyframes of a stream's packets.
import { execa } from 'execa';

// The frames at `indices` (decode order = display order for our outputs), as width×height luma planes.
export async function lumaFrames(path: string, indices: number[], width: number, height: number): Promise<Map<number, Buffer>> {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const select = sorted.map((n) => `eq(n\\,${n})`).join('+');
  const r = await execa('ffmpeg', ['-v', 'error', '-i', path, '-vf', `select='${select}'`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
  const size = width * height;
  const out = Buffer.from(r.stdout);
  if (out.length !== size * sorted.length) throw new Error(`${path}: expected ${sorted.length} frames of ${size} bytes, got ${out.length} bytes`);
  return new Map(sorted.map((n, i) => [n, out.subarray(i * size, (i + 1) * size)]));
}

/** PSNR in dB of two equal-size 8-bit planes (Infinity when identical). */
export function psnr(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  const mse = sum / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

// The whole stream's average PSNR (luma and chroma, ffmpeg's psnr filter) against a reference.
export async function averagePsnr(path: string, reference: string): Promise<number> {
  const r = await execa('ffmpeg', ['-i', path, '-i', reference, '-lavfi', '[0:v][1:v]psnr', '-f', 'null', '-'], { reject: false });
  const average = /PSNR y:[\d.]+ u:[\d.]+ v:[\d.]+ average:([\d.]+)/.exec(String(r.stderr))?.[1];
  if (!average) throw new Error(`no PSNR for ${path}: ${String(r.stderr).slice(-500)}`);
  return Number(average);
}

export interface Packet {
  pts: number;
  duration: number;
  key: boolean;
}

// Every packet of the first stream of a type, in presentation order.
export async function packets(path: string, type: 'video' | 'audio'): Promise<Packet[]> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', type === 'video' ? 'v:0' : 'a:0', '-show_entries', 'packet=pts_time,duration_time,flags', '-of', 'csv=p=0', path]);
  return String(r.stdout).split('\n').filter((l) => /^\d/.test(l)).map((l) => {
    const [pts, duration, flags] = l.split(',');
    return { pts: Number(pts), duration: Number(duration), key: (flags ?? '').startsWith('K') };
  }).sort((a, b) => a.pts - b.pts);
}
