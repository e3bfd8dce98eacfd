// rtsp's metrics and hook events, from the server's own events (src/ops runs them on --metrics,
// --on-… and --webhook). Bytes and frames are those of each mount's one shared encode; a mount's
// pipeline is built for its first client and again after it was torn down (the last client left, an error).
import type { JobOps } from '../../ops/job-ops.js';
import type { RtspServerEvent } from './rtsp-host.js';

export const rtspOps: JobOps = {
  metrics(set) {
    const up = set.gauge('stream_up', '1 while the mount takes clients.', ['mount']);
    const clients = set.gauge('clients', 'RTSP clients connected now.');
    const sessions = set.counter('sessions_started_total', 'RTSP client sessions started.');
    const sent = set.counter('sent_bytes_total', "RTP payload bytes the mount's shared encode sent.", ['mount']);
    const frames = set.counter('frames_sent_total', "Video frames the mount's shared encode sent into RTP.", ['mount']);
    const restarts = set.counter('pipeline_restarts_total', "Times a mount's pipeline was built again after its first start.", ['mount']);
    const started = new Set<string>();
    return (raw) => {
      const event = raw as RtspServerEvent;
      switch (event.type) {
        case 'ready':
          return up.set({ mount: event.mount }, 1);
        case 'media-eos':
          return up.set({ mount: event.mount }, 0);
        case 'media-prepared':
          if (started.has(event.mount)) restarts.inc({ mount: event.mount });
          return void started.add(event.mount);
        case 'client-connected':
          sessions.inc();
          return clients.inc();
        case 'client-disconnected':
          return clients.dec();
        case 'server-stats':
          clients.set(event.clients);
          for (const [mount, counts] of Object.entries(event.mounts)) {
            set.advance(sent, { mount }, counts.bytes);
            if (counts.frames !== undefined) set.advance(frames, { mount }, counts.frames);
          }
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
