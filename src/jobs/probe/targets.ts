// The playback targets a probe gives a verdict for.
export const TARGETS = ['browser', 'safari', 'webrtc', 'chromecast'] as const;
export type Target = (typeof TARGETS)[number];

export type Verdict = 'plays' | 'remux' | 'transcode';

/**
 * One reason a file does not play as it is on a target, and what it takes; `advice` when it plays
 * but a remux would make it start sooner (an MP4 without fast start).
 */
export interface Problem {
  need: Exclude<Verdict, 'plays'> | 'advice';
  /** What must change: the video stream, the audio stream or only the container/tag. */
  part: 'video' | 'audio' | 'container';
  reason: string;
}
