import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { choosePayloadType, choosePeerMedia } from '../../../../src/jobs/webrtc/payload-types.js';
import { OfferError, parseOffer } from '../../../../src/jobs/webrtc/sdp-offer.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/webrtc/${name}`, import.meta.url), 'utf8');
const chromium = fixture('chromium-recvonly-offer.sdp');
const firefox = fixture('firefox-recvonly-offer.sdp');

// A one-section offer around the given video lines (the checks parseOffer needs included).
const videoOffer = (mline: string, ...attrs: string[]) =>
  ['v=0', 'a=fingerprint:sha-256 AA', 'a=ice-ufrag:u', mline, ...attrs, ''].join('\r\n');

describe('choosePayloadType', () => {
  it('Chromium: VP8 96; VP9 98 (profile 0, not 100/35/37); H.264 108 (42e01f ranks above 102\'s 42001f); Opus 111', () => {
    const [video, audio] = parseOffer(chromium);
    expect(choosePayloadType(video!, 'vp8')).toBe(96);
    expect(choosePayloadType(video!, 'vp9')).toBe(98);
    expect(choosePayloadType(video!, 'h264')).toBe(108);
    expect(choosePayloadType(audio!, 'opus')).toBe(111);
    expect(choosePayloadType(audio!, 'vp8')).toBeUndefined();
  });

  it('Firefox: VP8 120, VP9 121 (no profile-id: profile 0), no H.264, Opus 109', () => {
    const [video, audio] = parseOffer(firefox);
    expect(choosePayloadType(video!, 'vp8')).toBe(120);
    expect(choosePayloadType(video!, 'vp9')).toBe(121);
    expect(choosePayloadType(video!, 'h264')).toBeUndefined();
    expect(choosePayloadType(audio!, 'opus')).toBe(109);
  });

  it('H.264 needs packetization-mode=1 and a profile we can send as', () => {
    const h264 = (...fmtp: string[]) => parseOffer(videoOffer('m=video 9 UDP/TLS/RTP/SAVPF 100 101', 'a=rtpmap:100 H264/90000', 'a=rtpmap:101 H264/90000', ...fmtp))[0]!;
    expect(choosePayloadType(h264(), 'h264')).toBeUndefined(); // no fmtp: packetization-mode 0
    expect(choosePayloadType(h264('a=fmtp:100 packetization-mode=1', 'a=fmtp:101 packetization-mode=1;profile-level-id=42E01F'), 'h264')).toBe(101);
    expect(choosePayloadType(h264('a=fmtp:100 packetization-mode=1;profile-level-id=640c1f'), 'h264')).toBeUndefined();
    expect(choosePayloadType(h264('a=fmtp:100 packetization-mode=1;profile-level-id=4d001f'), 'h264')).toBe(100);
  });

  it('the encoding must match in name and clock rate, in any case', () => {
    const section = (rtpmap: string) => parseOffer(videoOffer('m=video 9 UDP/TLS/RTP/SAVPF 96', rtpmap))[0]!;
    expect(choosePayloadType(section('a=rtpmap:96 vp8/90000'), 'vp8')).toBe(96);
    expect(choosePayloadType(section('a=rtpmap:96 VP8/48000'), 'vp8')).toBeUndefined();
    expect(choosePayloadType(section('a=rtpmap:96 VP8'), 'vp8')).toBeUndefined();
  });

  it('none from a rejected section (port 0) or one the browser only sends on or has turned off', () => {
    const vp8 = (mline: string, direction: string) => parseOffer(videoOffer(mline, 'a=rtpmap:96 VP8/90000', `a=${direction}`))[0]!;
    expect(choosePayloadType(vp8('m=video 9 UDP/TLS/RTP/SAVPF 96', 'recvonly'), 'vp8')).toBe(96);
    expect(choosePayloadType(vp8('m=video 9 UDP/TLS/RTP/SAVPF 96', 'sendrecv'), 'vp8')).toBe(96);
    expect(choosePayloadType(vp8('m=video 0 UDP/TLS/RTP/SAVPF 96', 'recvonly'), 'vp8')).toBeUndefined();
    expect(choosePayloadType(vp8('m=video 9 UDP/TLS/RTP/SAVPF 96', 'sendonly'), 'vp8')).toBeUndefined();
    expect(choosePayloadType(vp8('m=video 9 UDP/TLS/RTP/SAVPF 96', 'inactive'), 'vp8')).toBeUndefined();
  });
});

describe('choosePeerMedia', () => {
  it('video and audio from Chromium\'s and Firefox\'s offers', () => {
    expect(choosePeerMedia(parseOffer(chromium), { video: 'vp8', audio: true })).toEqual([{ kind: 'video', mline: 0, pt: 96 }, { kind: 'audio', mline: 1, pt: 111 }]);
    expect(choosePeerMedia(parseOffer(chromium), { video: 'h264', audio: false })).toEqual([{ kind: 'video', mline: 0, pt: 108 }]);
    expect(choosePeerMedia(parseOffer(firefox), { video: 'vp9', audio: true })).toEqual([{ kind: 'video', mline: 0, pt: 121 }, { kind: 'audio', mline: 1, pt: 109 }]);
  });

  it('a viewer that rejected audio still gets video', () => {
    const noAudio = chromium.replace('m=audio 9 ', 'm=audio 0 ');
    expect(choosePeerMedia(parseOffer(noAudio), { video: 'vp8', audio: true })).toEqual([{ kind: 'video', mline: 0, pt: 96 }]);
  });

  it('no video section for our codec is the viewer\'s problem, said with the codec', () => {
    const refuse = (offer: string, video: 'vp8' | 'h264', message: string) => {
      expect(() => choosePeerMedia(parseOffer(offer), { video, audio: true })).toThrow(OfferError);
      expect(() => choosePeerMedia(parseOffer(offer), { video, audio: true })).toThrow(message);
    };
    refuse(firefox, 'h264', 'the offer has no video section accepting H264 (packetization-mode=1, constrained baseline)');
    refuse(chromium.replace('a=recvonly', 'a=inactive'), 'vp8', 'the offer has no video section accepting VP8');
    const audioOnly = chromium.slice(0, chromium.indexOf('m=video')) + chromium.slice(chromium.indexOf('m=audio'));
    refuse(audioOnly, 'vp8', 'the offer has no video section accepting VP8');
  });
});
