import { describe, expect, it } from 'vitest';
import { planSnapshot } from '../../../../src/jobs/snapshot/plan.js';
import { parseSnapshotOptions } from '../../../../src/jobs/snapshot/options.js';
import { imageFormatOf } from '../../../../src/jobs/snapshot/image-format.js';

const plan = (o: Record<string, unknown>) => planSnapshot(parseSnapshotOptions({ input: 'in.mp4', output: 'out.jpg', ...o }));

describe('snapshot plan', () => {
  it('a file: decodebin, square pixels at --width, an appsink; seeked (not live)', () => {
    const p = plan({ input: 'my clip.mp4', at: 12.5, width: 320 });
    expect(p.pipeline.build()).toBe('filesrc location="my clip.mp4" ! decodebin ! videoconvert ! videoscale ! video/x-raw,width=320,pixel-aspect-ratio=1/1 ! appsink name=sink sync=false max-buffers=1');
    expect(p).toMatchObject({ live: false, at: 12.5, fast: false });
    expect(plan({ at: 12.5, fast: true })).toMatchObject({ at: 12.5, fast: true });
  });

  it('rtsp:// and test are live; --at on them is refused', () => {
    expect(plan({ input: 'rtsp://cam/stream' }).live).toBe(true);
    expect(plan({ input: 'test:ball' }).pipeline.build()).toContain('videotestsrc pattern=ball ! video/x-raw,width=1280,height=720');
    expect(() => plan({ input: 'rtsp://cam/stream', at: 3 })).toThrow(/--at needs a file/);
    expect(() => plan({ input: 'test', fast: true })).toThrow(/--fast picks a keyframe in a file/);
  });

  it('the format comes from the extension; others and stdin are refused', () => {
    expect(imageFormatOf('A.JPEG').mime).toBe('image/jpeg');
    expect(imageFormatOf('a.webp').encoder).toBe('webpenc');
    expect(() => imageFormatOf('a.gif')).toThrow(/extension/);
    expect(() => plan({ input: '-' })).toThrow(/standard input/);
  });
});
