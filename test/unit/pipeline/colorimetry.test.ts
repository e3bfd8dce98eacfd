import { describe, expect, it } from 'vitest';
import { keptColorimetry } from '../../../src/pipeline/colorimetry.js';

describe('keptColorimetry', () => {
  it('keeps what the stream states', () => {
    expect(keptColorimetry({ height: 360, colorimetry: 'bt709' })).toBe('bt709');
    expect(keptColorimetry({ height: 1080, colorimetry: '1:4:0:0' })).toBe('1:4:0:0');
  });

  it('else GStreamer\'s default for the height: BT.601 up to 576 lines, BT.709 above, BT.2020 from 2160', () => {
    expect(keptColorimetry({ height: 576 })).toBe('bt601');
    expect(keptColorimetry({ height: 577 })).toBe('bt709');
    expect(keptColorimetry({ height: 2159 })).toBe('bt709');
    expect(keptColorimetry({ height: 2160 })).toBe('bt2020');
  });

  it('nothing for what gst-launch-1.0 could not read unquoted, or an unknown height', () => {
    expect(keptColorimetry({ height: 720, colorimetry: 'bt709 ! fakesink' })).toBeUndefined();
    expect(keptColorimetry({ height: 0 })).toBeUndefined();
  });
});
