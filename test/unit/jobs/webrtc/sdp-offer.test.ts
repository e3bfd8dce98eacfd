import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OfferError, parseOffer } from '../../../../src/jobs/webrtc/sdp-offer.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/webrtc/${name}`, import.meta.url), 'utf8');
const chromium = fixture('chromium-recvonly-offer.sdp');
const firefox = fixture('firefox-recvonly-offer.sdp');

describe('parseOffer', () => {
  it('Chromium: a video and an audio section with their payload types, rtpmap and fmtp', () => {
    const [video, audio, ...rest] = parseOffer(chromium);
    expect(rest).toEqual([]);
    expect(video).toMatchObject({ index: 0, kind: 'video', port: '9', proto: 'UDP/TLS/RTP/SAVPF' });
    expect(video!.pts).toHaveLength(34);
    expect(video!.pts.slice(0, 6)).toEqual(['96', '97', '98', '99', '100', '101']);
    expect(video!.pts.at(-1)).toBe('49');
    expect(video!.rtpmap.get('96')).toEqual({ name: 'VP8', clock: 90000 });
    expect(video!.rtpmap.get('97')).toEqual({ name: 'RTX', clock: 90000 });
    expect(video!.rtpmap.get('49')).toEqual({ name: 'FLEXFEC-03', clock: 90000 });
    expect(video!.fmtp.get('102')).toEqual({ 'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42001f' });
    expect(video!.fmtp.get('100')).toEqual({ 'profile-id': '2' });
    expect(video!.attrs).toContain('recvonly');
    expect(video!.attrs).toContain('mid:0');
    expect(audio).toMatchObject({ index: 1, kind: 'audio', port: '9', pts: ['111', '63', '9', '0', '8', '13', '110', '126'] });
    expect(audio!.rtpmap.get('111')).toEqual({ name: 'OPUS', clock: 48000 });
    expect(audio!.rtpmap.get('126')).toEqual({ name: 'TELEPHONE-EVENT', clock: 8000 });
    expect(audio!.fmtp.get('111')).toEqual({ minptime: '10', useinbandfec: '1' });
    expect(audio!.fmtp.get('63')).toEqual({ '111/111': '' });
  });

  it('Firefox: the fingerprint only at session level is enough; its own payload numbering', () => {
    const [video, audio] = parseOffer(firefox);
    expect(video).toMatchObject({ index: 0, kind: 'video', pts: ['120', '124', '121', '125', '99', '100', '123', '122', '119'] });
    expect(video!.rtpmap.get('120')).toEqual({ name: 'VP8', clock: 90000 });
    expect(video!.rtpmap.get('121')).toEqual({ name: 'VP9', clock: 90000 });
    expect(video!.fmtp.get('121')).toEqual({ 'max-fs': '12288', 'max-fr': '60' });
    expect(video!.attrs.some((a) => a.startsWith('fingerprint:'))).toBe(false);
    expect(audio).toMatchObject({ index: 1, kind: 'audio', pts: ['109', '9', '0', '8', '101'] });
    expect(audio!.rtpmap.get('109')).toEqual({ name: 'OPUS', clock: 48000 });
    expect(audio!.rtpmap.get('9')).toEqual({ name: 'G722', clock: 8000 });
    expect(audio!.fmtp.get('109')).toEqual({ maxplaybackrate: '48000', stereo: '1', useinbandfec: '1' });
  });

  it('LF line endings and leading blank lines read the same', () => {
    const lf = `\n\n${chromium.replace(/\r\n/g, '\n')}`;
    expect(parseOffer(lf).map((s) => [s.kind, s.pts.length])).toEqual([['video', 34], ['audio', 8]]);
  });

  it.each([
    ['text that is not SDP', 'this is not sdp', 'the offer is not an SDP session description (it must start with v=)'],
    ['no m= line', 'v=0\r\ns=-\r\nt=0 0\r\na=fingerprint:sha-256 AA\r\na=ice-ufrag:x\r\n', 'the offer has no media sections (m= lines)'],
    ['an m= line without payload types', 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF\r\n', 'malformed media line: m=video 9 UDP/TLS/RTP/SAVPF'],
    ['Chromium without fingerprints', chromium.replace(/a=fingerprint:[^\r]*\r\n/g, ''), 'the offer has no DTLS fingerprint'],
    ['Firefox without its session fingerprint', firefox.replace(/a=fingerprint:[^\r]*\r\n/g, ''), 'the offer has no DTLS fingerprint'],
    ['Chromium without ICE credentials', chromium.replace(/a=ice-ufrag:[^\r]*\r\n/g, ''), 'the offer has no ICE credentials (a=ice-ufrag)'],
  ])('refuses %s', (_what, offer, message) => {
    expect(() => parseOffer(offer)).toThrow(OfferError);
    expect(() => parseOffer(offer)).toThrow(message);
  });
});
