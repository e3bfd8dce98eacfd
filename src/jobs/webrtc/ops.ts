// webrtc's metrics and hook events, from the server's own events (src/ops runs them on --metrics,
// --on-… and --webhook). A viewer that joins or leaves is a client connecting or disconnecting;
// bytes are everything webrtcbin sent (every viewer, those gone included), from the stats events.
import type { JobOps } from '../../ops/job-ops.js';
import type { WebrtcEvent } from './server.js';

/** The one stream a webrtc server has, named by its WHEP path. */
const MOUNT = '/whep';

export const webrtcOps: JobOps = {
  metrics(set) {
    const up = set.gauge('stream_up', '1 while the stream takes viewers.', ['mount']);
    const viewers = set.gauge('viewers', 'WebRTC viewers playing now.');
    const sessions = set.counter('sessions_started_total', 'WebRTC viewer sessions that started playing.');
    const sent = set.counter('sent_bytes_total', 'Bytes webrtcbin sent to viewers (RTP, every viewer).', ['mount']);
    return (raw) => {
      const event = raw as WebrtcEvent;
      switch (event.type) {
        case 'ready':
          return up.set({ mount: MOUNT }, 1);
        case 'input-ended':
          return up.set({ mount: MOUNT }, 0);
        case 'viewer-joined':
          sessions.inc();
          return viewers.set(event.viewers);
        case 'viewer-left':
          return viewers.set(event.viewers);
        case 'stats':
          viewers.set(event.viewers);
          return set.advance(sent, { mount: MOUNT }, event.bytesSent);
      }
    };
  },
  hookEvent(raw) {
    const event = raw as WebrtcEvent;
    switch (event.type) {
      case 'ready':
        return { event: 'ready', facts: { url: event.url, mount: MOUNT } };
      case 'viewer-joined':
        return { event: 'client-connect', facts: { mount: MOUNT, clientId: event.id, clientAddr: event.remote } };
      // A viewer that never played never connected: its leaving is no hook event.
      case 'viewer-left':
        return event.joined ? { event: 'client-disconnect', facts: { mount: MOUNT, clientId: event.id } } : undefined;
      default:
        return undefined;
    }
  },
};
