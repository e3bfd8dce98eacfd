import { describe, expect, it } from 'vitest';
import { Router, splitPath, type Route } from '../../../src/api/router.js';

const route = (method: Route['method'], path: string): Route => ({ method, path, handler: async () => {}, doc: { operationId: path, summary: '', tag: 'meta', responses: {} } });
const router = new Router([
  route('GET', '/api/gstreamer/status/'),
  route('GET', '/api/gstreamer/jobs/{id}/'),
  route('DELETE', '/api/gstreamer/jobs/{id}/'),
  route('GET', '/api/gstreamer/jobs/{id}/events'),
  route('POST', '/api/gstreamer/pipeline/compression/'),
]);

describe('Router', () => {
  it.each([
    ['/api/gstreamer/status/'], ['/api/gstreamer/status'],
  ])('matches %s with and without the trailing slash', (path) => {
    expect(router.match('GET', path)).toMatchObject({ kind: 'route', route: { path: '/api/gstreamer/status/' } });
  });

  it('takes path parameters, percent-decoded', () => {
    expect(router.match('GET', '/api/gstreamer/jobs/ab%20c/')).toMatchObject({ kind: 'route', params: { id: 'ab c' } });
    expect(router.match('DELETE', '/api/gstreamer/jobs/abc')).toMatchObject({ kind: 'route', route: { method: 'DELETE' }, params: { id: 'abc' } });
    expect(router.match('GET', '/api/gstreamer/jobs/abc/events/')).toMatchObject({ kind: 'route', route: { path: '/api/gstreamer/jobs/{id}/events' } });
  });

  it('a known path with another method lists the allowed ones; HEAD is GET', () => {
    expect(router.match('PUT', '/api/gstreamer/jobs/x/')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'DELETE'] });
    expect(router.match('GET', '/api/gstreamer/pipeline/compression')).toEqual({ kind: 'method-not-allowed', allowed: ['POST'] });
    expect(router.match('HEAD', '/api/gstreamer/status')).toMatchObject({ kind: 'route' });
  });

  it.each([
    ['/api/gstreamer/nope/'], ['/api/gstreamer/jobs//'], ['/api/gstreamer/jobs/a/b/'], ['/api/gstreamer/status/x'], ['/api//gstreamer/status'], ['/api/gstreamer/jobs/%E0%A4%A/'],
  ])('%s is not found', (path) => {
    expect(router.match('GET', path)).toEqual({ kind: 'not-found' });
  });

  it('splitPath', () => {
    expect(splitPath('/')).toEqual([]);
    expect(splitPath('/a/b/')).toEqual(['a', 'b']);
    expect(splitPath('/a/%ZZ')).toBeUndefined();
  });
});
