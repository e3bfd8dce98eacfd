// hls's metrics and hook events, from its own events (src/ops runs them on --metrics,
// --on-ready, --on-segment-complete, --on-exit and --webhook). Rendition names (720p…) are labels;
// file paths never are.
import type { JobOps } from '../../ops/job-ops.js';
import type { AppEvent } from '../../report/reporter.js';

type HlsEvent = AppEvent & { rendition?: string; path?: string; bytes?: number; durationSeconds?: number; url?: string; playlist?: string };

/** The one stream an hls job has: its entry playlist. */
const MOUNT = '/';

export const hlsOps: JobOps = {
  metrics(set) {
    const up = set.gauge('stream_up', '1 once the first playlist is playable (the metrics end with the job).', ['mount']);
    const segments = set.counter('hls_segments_written_total', 'Segments closed and listed, by rendition.', ['rendition']);
    const bytes = set.counter('hls_segment_bytes_total', 'Bytes of the closed segments, by rendition.', ['rendition']);
    const seconds = set.counter('hls_segment_seconds_total', 'Media seconds in the closed segments, by rendition.', ['rendition']);
    return (raw) => {
      const event = raw as HlsEvent;
      switch (event.type) {
        case 'ready':
        case 'playlist-ready':
          return up.set({ mount: MOUNT }, 1);
        case 'segment': {
          const rendition = event.rendition ?? 'main';
          segments.inc({ rendition });
          bytes.inc({ rendition }, event.bytes ?? 0);
          return seconds.inc({ rendition }, event.durationSeconds ?? 0);
        }
      }
    };
  },
  hookEvent(raw) {
    const event = raw as HlsEvent;
    if (event.type === 'ready' || event.type === 'playlist-ready') return { event: 'ready', facts: { url: event.url ?? event.playlist, mount: MOUNT } };
    if (event.type === 'segment' && event.path !== undefined) return { event: 'segment-complete', facts: { segmentPath: event.path, segmentDuration: event.durationSeconds } };
    return undefined;
  },
};
