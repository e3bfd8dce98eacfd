import { describe, expect, it } from 'vitest';
import { parseWebrtcOptions } from '../../../../src/jobs/webrtc/options.js';
import { browserIceServer, helperIceUrl, iceLinkHeader, parseIceUrl } from '../../../../src/jobs/webrtc/ice-servers.js';
import { UsageError } from '../../../../src/errors.js';

const usage = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(UsageError);
  expect(fn).toThrow(message);
};

describe('parseWebrtcOptions', () => {
  it('fills the defaults: loopback, 8080, VP8, audio on', () => {
    expect(parseWebrtcOptions({ input: 'test' })).toMatchObject({
      input: 'test', host: '127.0.0.1', port: 8080, codec: 'vp8', bitrate: 1500, preset: 'veryfast', keyframeInterval: 2,
      audio: true, loop: false, stun: [], turn: [], corsOrigin: '*', statsInterval: 5,
    });
  });

  it.each([
    ['vp8', 'vp8'], ['VP9', 'vp9'], ['h264', 'h264'], ['x264', 'h264'], ['avc', 'h264'],
  ])('codec %s → %s', (given, codec) => {
    expect(parseWebrtcOptions({ input: 'test', codec: given }).codec).toBe(codec);
  });

  it.each([
    [{ codec: 'h265' }, /--codec: "h265" is not a WebRTC video codec browsers decode \(choose vp8, vp9, h264\)/],
    [{ codec: 'av1' }, /--codec/],
    [{ port: 70000 }, /--port/],
    [{ bitrate: 0 }, /--bitrate: must be above 0/],
    [{ stun: ['http://example.com'] }, /--stun: "http:\/\/example.com" is not a STUN or TURN URL/],
    [{ stun: ['turn://u:p@h:3478'] }, /--stun: "turn:\/\/u:p@h:3478" is not a stun:\/\/host:port URL/],
    [{ turn: ['turn://relay.example.com:3478'] }, /--turn: .*needs a user name and password/],
    [{ iceHost: 'my-host' }, /--ice-host: must be an IP address/],
    [{ icePorts: '40100-40000' }, /--ice-ports: must be a range within 1024-65535/],
    [{ icePorts: 'lots' }, /--ice-ports: must be MIN-MAX/],
    [{ maxViewers: 0 }, /--max-viewers/],
    [{ token: 'has space' }, /--token: must be printable ASCII/],
  ])('refuses %j', (over, message) => {
    usage(() => parseWebrtcOptions({ input: 'test', ...over }), message);
  });

  it('takes ICE settings in every accepted spelling', () => {
    const o = parseWebrtcOptions({
      input: 'test', stun: ['stun://stun.l.google.com:19302', 'stun:10.0.0.1'], turn: ['turn://me:p%40ss@relay.example.com:3478', 'turns://a:b@relay.example.com'],
      iceHost: '203.0.113.5', icePorts: '40000-40100',
    });
    expect(o.stun.map(helperIceUrl)).toEqual(['stun://stun.l.google.com:19302', 'stun://10.0.0.1:3478']);
    expect(o.turn.map(helperIceUrl)).toEqual(['turn://me:p%40ss@relay.example.com:3478', 'turns://a:b@relay.example.com:5349']);
    expect(o.icePorts).toEqual({ min: 40000, max: 40100 });
    expect(o.iceHost).toBe('203.0.113.5');
    expect(parseWebrtcOptions({ input: 'test', iceHost: '2001:db8::1' }).iceHost).toBe('2001:db8::1');
  });
});

describe('ICE server spellings', () => {
  it('browser RTCIceServer and WHEP Link header', () => {
    const turn = parseIceUrl('turn://me:p%40ss@relay.example.com:3478');
    const stun = parseIceUrl('stun://[2001:db8::1]:3478');
    if (typeof turn === 'string' || typeof stun === 'string') throw new Error('parse failed');
    expect(browserIceServer(turn)).toEqual({ urls: 'turn:relay.example.com:3478', username: 'me', credential: 'p@ss' });
    expect(browserIceServer(stun)).toEqual({ urls: 'stun:[2001:db8::1]:3478' });
    expect(iceLinkHeader(turn)).toBe('<turn:relay.example.com:3478>; rel="ice-server"; username="me"; credential="p@ss"; credential-type="password"');
    expect(iceLinkHeader(stun)).toBe('<stun:[2001:db8::1]:3478>; rel="ice-server"');
  });

  it('explains what is wrong', () => {
    expect(parseIceUrl('stun://user:pw@host:1')).toMatch(/takes no user name/);
    expect(parseIceUrl('stun://host:99999')).toMatch(/out of range/);
    expect(parseIceUrl('ftp://host')).toMatch(/not a STUN or TURN URL/);
  });
});

describe('WebRTCPipeline options (the library\'s option names)', () => {
  it('inputSource, stunServer and stunServers map onto the same schema', async () => {
    const { WebRTCPipeline } = await import('../../../../src/jobs/webrtc/library.js');
    const stream = new WebRTCPipeline({ inputSource: 'test:ball', stunServer: 'stun://a.example:3478', stunServers: ['stun:b.example'], port: 9000 });
    expect(stream.options).toMatchObject({ input: 'test:ball', port: 9000, codec: 'vp8' });
    expect(stream.options.stun.map(helperIceUrl)).toEqual(['stun://b.example:3478', 'stun://a.example:3478']);
    expect(stream.getStats()).toEqual({ state: 'idle', frames: null, bytes: null, errors: 0, warnings: 0, uptimeMs: 0, url: undefined, viewers: [], stream: undefined });
    expect(() => new WebRTCPipeline({ inputSource: 'test', codec: 'h265' })).toThrow(UsageError);
  });
});
