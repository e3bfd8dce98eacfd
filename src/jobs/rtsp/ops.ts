// rtsp's metrics and hook events, from the server's own events (src/ops runs them on --metrics,
// --on-… and --webhook). Bytes are the RTP payload of each mount's one shared encode.
import type { JobOps } from '../../ops/job-ops.js';
import type { RtspServerEvent } from './rtsp-host.js';

export const rtspOps: JobOps = {
  metrics(set) {
    const up = set.gauge('stream_up', '1 while the mount takes clients.', ['mount']);
    const clients = set.gauge('clients', 'RTSP clients connected now.');
    const sessions = set.counter('sessions_started_total', 'RTSP client sessions started.');
    const sent = set.counter('sent_bytes_total', "RTP payload bytes the mount's shared encode sent.", ['mount']);
    return (raw) => {
      const event = raw as RtspServerEvent;
      switch (event.type) {
        case 'ready':
          return up.set({ mount: event.mount }, 1);
        case 'media-eos':
          return up.set({ mount: event.mount }, 0);
        case 'client-connected':
          sessions.inc();
          return clients.inc();
        case 'client-disconnected':
          return clients.dec();
        case 'server-stats':
          clients.set(event.clients);
          for (const [mount, { bytes }] of Object.entries(event.mounts)) set.advance(sent, { mount }, bytes);
      }
    };
  },
  hookEvent(raw) {
    const event = raw as RtspServerEvent;
    switch (event.type) {
      case 'ready':
        return { event: 'ready', facts: { url: event.url, mount: event.mount } };
      case 'client-connected':
      case 'client-disconnected': {
        const facts = { clientId: event.port ? `${event.address}:${event.port}` : event.address, clientAddr: event.address };
        return { event: event.type === 'client-connected' ? 'client-connect' : 'client-disconnect', facts };
      }
      default:
        return undefined;
    }
  },
};
