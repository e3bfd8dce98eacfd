import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ViewerRefused, Viewers, type HelperLink, type ViewersOptions, type ViewerJoined, type ViewerLeft } from '../../../../src/jobs/webrtc/viewers.js';
import type { HelperEvent } from '../../../../src/server/helper-process.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/webrtc/${name}`, import.meta.url), 'utf8');
const chromium = fixture('chromium-recvonly-offer.sdp');
const firefox = fixture('firefox-recvonly-offer.sdp');

// A helper stand-in: records commands, lets the test play the helper's events.
class FakeHelper implements HelperLink {
  readonly sent: Record<string, unknown>[] = [];
  alive = true;
  private listeners: ((event: HelperEvent) => void)[] = [];
  send(message: unknown): boolean {
    if (!this.alive) return false;
    this.sent.push(message as Record<string, unknown>);
    return true;
  }
  on(listener: (event: HelperEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {};
  }
  emit(event: HelperEvent): void {
    for (const l of this.listeners) l(event);
  }
  lastId(): string {
    return String(this.sent.at(-1)?.id);
  }
}

const setup = (options: Partial<ViewersOptions> = {}) => {
  const helper = new FakeHelper();
  const viewers = new Viewers(helper, { stream: { video: 'vp8', audio: true }, ...options });
  const events: (ViewerJoined | ViewerLeft)[] = [];
  viewers.on((e) => events.push(e));
  return { helper, viewers, events };
};

describe('Viewers', () => {
  it('offer → add-peer (with the payload types) → answer; connected → viewer-joined; peer-removed → viewer-left', async () => {
    const { helper, viewers, events } = setup();
    const pending = viewers.add(chromium, { remote: '127.0.0.1' });
    const id = helper.lastId();
    expect(helper.sent[0]).toEqual({ cmd: 'add-peer', id, offer: chromium, media: [{ kind: 'video', mline: 0, pt: 96 }, { kind: 'audio', mline: 1, pt: 111 }] });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    helper.emit({ type: 'answer', id, sdp: 'v=0 answer' });
    expect(await pending).toEqual({ id, answer: 'v=0 answer' });
    expect(viewers.connected).toBe(0);
    helper.emit({ type: 'connection-state', id, state: 'connected' });
    helper.emit({ type: 'connection-state', id, state: 'connected' });
    expect(events).toEqual([expect.objectContaining({ type: 'viewer-joined', id, viewers: 1, remote: '127.0.0.1' })]);
    helper.emit({ type: 'peer-removed', id, reason: 'idle' });
    expect(events[1]).toMatchObject({ type: 'viewer-left', id, reason: 'idle', joined: true, viewers: 0 });
    expect(viewers.size).toBe(0);
    expect(viewers.totals).toEqual({ joined: 1, peak: 1 });
  });

  it('an offer we cannot answer is a 400 before the helper hears of it', async () => {
    const { helper, viewers } = setup({ stream: { video: 'h264', audio: true } });
    await expect(viewers.add('garbage')).rejects.toMatchObject({ status: 400, message: 'the offer is not an SDP session description (it must start with v=)' });
    await expect(viewers.add(firefox)).rejects.toMatchObject({ status: 400, message: 'the offer has no video section accepting H264 (packetization-mode=1, constrained baseline)' });
    expect(helper.sent).toEqual([]);
    expect(viewers.size).toBe(0);
    const ok = viewers.add(chromium);
    expect(helper.sent[0]).toMatchObject({ media: [{ kind: 'video', mline: 0, pt: 108 }, { kind: 'audio', mline: 1, pt: 111 }] });
    helper.emit({ type: 'answer', id: helper.lastId(), sdp: 'v=0 answer' });
    await ok;
  });

  it('an offer the helper refuses is a 400; its own failure a 500 (and the half-made peer is removed)', async () => {
    const { helper, viewers, events } = setup();
    const bad = viewers.add(firefox);
    helper.emit({ type: 'peer-error', id: helper.lastId(), code: 'offer', message: 'the SDP parser refused the offer (einval)' });
    await expect(bad).rejects.toMatchObject({ status: 400, message: 'the SDP parser refused the offer (einval)' });
    const failing = viewers.add(chromium);
    const id = helper.lastId();
    helper.emit({ type: 'peer-error', id, code: 'failed', message: 'media caps did not reach webrtcbin' });
    await expect(failing).rejects.toBeInstanceOf(ViewerRefused);
    expect(helper.sent.at(-1)).toEqual({ cmd: 'remove-peer', id });
    expect(viewers.size).toBe(0);
    expect(events).toEqual([]);
  });

  it('--ice-host: the answer the browser gets announces it beside webrtcbin\'s host candidates', async () => {
    const { helper, viewers } = setup({ iceHost: '203.0.113.5' });
    const pending = viewers.add(chromium);
    helper.emit({ type: 'answer', id: helper.lastId(), sdp: fixture('webrtcbin-answer.sdp') });
    const { answer } = await pending;
    expect(answer).toContain('\r\na=candidate:1 1 UDP 2015363327 192.0.2.2 57130 typ host\r\na=candidate:1x 1 UDP 2015363326 203.0.113.5 57130 typ host\r\n');
  });

  it('--max-viewers counts viewers still negotiating; a slot frees when one leaves', async () => {
    const { helper, viewers } = setup({ maxViewers: 1 });
    const first = viewers.add(chromium);
    const id = helper.lastId();
    await expect(viewers.add(chromium)).rejects.toMatchObject({ status: 503, retryAfterSeconds: 5, message: expect.stringContaining('--max-viewers 1') });
    helper.emit({ type: 'answer', id, sdp: 'a' });
    await first;
    helper.emit({ type: 'peer-removed', id, reason: 'requested' });
    const again = viewers.add(chromium);
    helper.emit({ type: 'answer', id: helper.lastId(), sdp: 'b' });
    await expect(again).resolves.toMatchObject({ answer: 'b' });
  });

  it('remove() sends remove-peer and waits for peer-removed; unknown ids are false', async () => {
    const { helper, viewers, events } = setup();
    const added = viewers.add(chromium);
    const id = helper.lastId();
    helper.emit({ type: 'answer', id, sdp: 'a' });
    await added;
    expect(await viewers.remove('nope')).toBe(false);
    const removing = viewers.remove(id);
    expect(helper.sent.at(-1)).toEqual({ cmd: 'remove-peer', id });
    helper.emit({ type: 'peer-removed', id, reason: 'requested' });
    expect(await removing).toBe(true);
    expect(events).toEqual([expect.objectContaining({ type: 'viewer-left', id, reason: 'requested', joined: false })]);
  });

  it('no answer in time → 500; a helper that is gone → 503; after close() → 503', async () => {
    const { helper, viewers } = setup({ answerTimeoutMs: 50 });
    await expect(viewers.add(chromium)).rejects.toMatchObject({ status: 500, message: 'no answer from webrtcbin in time' });
    helper.alive = false;
    await expect(viewers.add(chromium)).rejects.toMatchObject({ status: 503, message: 'the media helper is not running' });
    helper.alive = true;
    viewers.close('stopping');
    await expect(viewers.add(chromium)).rejects.toMatchObject({ status: 503, message: 'the server is stopping' });
  });

  it('dropAll(): every viewer leaves, pending offers are refused', async () => {
    const { helper, viewers, events } = setup();
    const playing = viewers.add(chromium);
    const a = helper.lastId();
    helper.emit({ type: 'answer', id: a, sdp: 'x' });
    await playing;
    helper.emit({ type: 'connection-state', id: a, state: 'connected' });
    const pending = viewers.add(chromium);
    viewers.dropAll('stopped');
    await expect(pending).rejects.toMatchObject({ status: 503 });
    expect(events.filter((e) => e.type === 'viewer-left').map((e) => [e.id, (e as ViewerLeft).reason])).toEqual([[a, 'stopped'], [expect.any(String), 'stopped']]);
    expect(viewers.size).toBe(0);
  });
});
