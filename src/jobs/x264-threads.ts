// x264 frame threads for encodes to files and VOD. Left at 0 (automatic), x264 starts 1.5 per core,
// a figure made for x264 alone on the machine; in a gst-launch-1.0 job the decoder, parser and muxer
// share those cores, and frame threads waiting on each other's reference rows left them idle a tenth
// of the time. Two per core keeps them busy: the raw line of a 6 s 720p30 fractal zoom, preset medium,
// 2000 kb/s, on 2 cores (threads 3 → 4; 5 rounds, twice): wall 0.99× → 0.96× ffmpeg's, CPU 1.01×
// either way, PSNR 36.52 dB either way, peak memory 285 → 294 MiB; 6 threads cost 2 % more CPU.
// Live encodes (tune=zerolatency, sliced threads) keep x264's own choice.
const FRAME_THREADS_PER_CORE = 2;

/** Frame threads for one x264 encode on `cores` cores. */
export function x264Threads(cores: number): number {
  return Math.max(1, Math.round(cores * FRAME_THREADS_PER_CORE));
}

// A ladder runs one x264enc per rendition: each starting its own threads ran 9 frame threads for three
// renditions on 2 cores, each paying x264's frame-threading cost, and the small renditions finished long
// before the large one. One encode's worth split by each rendition's share of the pixels keeps the cores
// as busy with less of that cost (the raw line of 720p@2000,480p@1000,360p@600 on 2 cores, 4 rounds:
// CPU 12.30 → 11.92 s, wall 6.37 → 6.17 s, peak memory 444 → 399 MiB; threads 2, 1 and 1).

/** Frame threads per rendition, in rendition order: at least one each. */
export function ladderThreads(sizes: readonly { width: number; height: number }[], cores: number): number[] {
  const total = x264Threads(cores);
  const pixels = sizes.map((s) => s.width * s.height);
  const sum = pixels.reduce((a, b) => a + b, 0);
  return pixels.map((p) => Math.max(1, Math.round((total * p) / sum)));
}
