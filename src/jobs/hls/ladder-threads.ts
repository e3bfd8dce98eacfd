// x264 threads for each rendition of a ladder. Left at 0 (automatic), every x264enc starts 1.5 frame
// threads per core: three renditions on 2 cores ran 9 frame threads besides the decoder, each paying
// x264's frame-threading cost, and the small renditions finished long before the large one. One
// encode's worth of threads split by each rendition's share of the pixels keeps the cores as busy
// with less of that cost (the raw gst-launch-1.0 line of 720p@2000,480p@1000,360p@600 on 2 cores, 4
// rounds: CPU 12.30 → 11.92 s, wall 6.37 → 6.17 s, peak memory 444 → 399 MiB; threads 2, 1 and 1).

/** Frame threads per rendition, in rendition order: at least one each. */
export function ladderThreads(sizes: readonly { width: number; height: number }[], cores: number): number[] {
  const total = Math.max(1, Math.round(cores * 1.5));
  const pixels = sizes.map((s) => s.width * s.height);
  const sum = pixels.reduce((a, b) => a + b, 0);
  return pixels.map((p) => Math.max(1, Math.round((total * p) / sum)));
}
