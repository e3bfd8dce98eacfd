// Text subtitle tracks carried into mkv. Decoded or parsed, a text track's caps say
// text/x-raw,format=pango-markup where matroskamux takes format=utf8: the same text, so capssetter
// relabels it. Decoding turns ASS/SSA into such text too (ssaparse); parsed ASS/SSA does not link
// into matroskamux (gst-launch-1.0 waits forever), so the copy path keeps plain text tracks only.
import type { SubtitleStream } from '../../gst/discover/schema.js';
import type { Container } from '../../pipeline/codecs.js';
import { caps, element, ref, type Chain } from '../../pipeline/nodes.js';

const TEXT = 'text/x-raw';
const DECODED_AS_TEXT = new Set([TEXT, 'application/x-ass', 'application/x-ssa']);

export interface SubtitlePlan {
  /** Subtitle branches to link (each takes the next text pad of the input). */
  keep: number;
  /** Tracks not carried over, said as warnings. */
  notes: string[];
}

export function planSubtitles(container: Container, subtitles: SubtitleStream[], parsed: boolean): SubtitlePlan {
  const total = subtitles.length;
  if (total === 0) return { keep: 0, notes: [] };
  const tracks = `${total} subtitle track${total === 1 ? '' : 's'}`;
  if (container !== 'mkv') return { keep: 0, notes: [`the input has ${tracks}: .${container} output cannot keep them (write .mkv to keep text subtitles)`] };
  const keep = subtitles.filter((s) => (parsed ? s.codec === TEXT : DECODED_AS_TEXT.has(s.codec))).length;
  if (keep === total) return { keep, notes: [] };
  const why = parsed ? 'only plain text subtitles are kept when the audio is copied (--audio aac re-encodes and keeps ASS/SSA as text)' : 'only text subtitles are kept';
  return { keep, notes: [`${total - keep} of the input's ${tracks} not kept: ${why}`] };
}

/** One subtitle branch from the input element `from`, ready for a queue into the muxer. */
export function subtitleBranch(from: string): Chain {
  return [ref(from), caps(TEXT), element('capssetter', { caps: `${TEXT},format=utf8` })];
}
