import { describe, expect, it } from 'vitest';
import { webrtcOps } from '../../../../src/jobs/webrtc/ops.js';
import type { AppEvent } from '../../../../src/report/reporter.js';

const event = (e: Record<string, unknown>) => e as unknown as AppEvent;

describe('webrtcOps.hookEvent', () => {
  it('a viewer that joined is a client connecting and, when it leaves, disconnecting; one that never played is neither', () => {
    expect(webrtcOps.hookEvent(event({ type: 'viewer-joined', id: 'abc', viewers: 1, remote: '10.0.0.2' })))
      .toEqual({ event: 'client-connect', facts: { mount: '/whep', clientId: 'abc', clientAddr: '10.0.0.2' } });
    expect(webrtcOps.hookEvent(event({ type: 'viewer-left', id: 'abc', joined: true, viewers: 0, reason: 'requested' })))
      .toEqual({ event: 'client-disconnect', facts: { mount: '/whep', clientId: 'abc' } });
    expect(webrtcOps.hookEvent(event({ type: 'viewer-left', id: 'def', joined: false, viewers: 0, reason: 'connect-timeout' }))).toBeUndefined();
  });

  it('ready carries the page URL', () => {
    expect(webrtcOps.hookEvent(event({ type: 'ready', url: 'http://127.0.0.1:8080/', whep: 'http://127.0.0.1:8080/whep' })))
      .toEqual({ event: 'ready', facts: { url: 'http://127.0.0.1:8080/', mount: '/whep' } });
  });
});
