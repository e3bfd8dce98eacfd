import { describe, expect, it } from 'vitest';
import { joinCaps } from '../../../src/pipeline/caps-merge.js';

// The builder's use of the merge (and the capsfilter fallback) runs for real via builder-cases.ts.
describe('joinCaps', () => {
  it.each([
    ['scale size then encoder format', 'video/x-raw,width=1280,height=720', 'video/x-raw,format=I420', 'video/x-raw,width=1280,height=720,format=I420'],
    ['bare media type then fields', 'video/x-raw', 'video/x-raw,format=I420', 'video/x-raw,format=I420'],
    ['fields then bare media type', 'audio/x-raw,rate=48000', 'audio/x-raw', 'audio/x-raw,rate=48000'],
    ['a field repeated with the same value is kept once', 'video/x-raw,format=I420,width=640', 'video/x-raw,width=640', 'video/x-raw,format=I420,width=640'],
    ['commas inside a list and a range stay inside their field', 'video/x-raw,format={ I420, NV12 }', 'video/x-raw,width=[ 160, 640 ]', 'video/x-raw,format={ I420, NV12 },width=[ 160, 640 ]'],
    ['a quoted comma stays inside its value', 'application/x-rtp,media=video', 'application/x-rtp,a-b="x,y"', 'application/x-rtp,media=video,a-b="x,y"'],
    ['same features merge', 'video/x-raw(memory:NVMM),width=640', 'video/x-raw(memory:NVMM),format=NV12', 'video/x-raw(memory:NVMM),width=640,format=NV12'],
  ])('%s: %s + %s → %s', (_name, first, second, merged) => {
    expect(joinCaps(first, second)).toBe(merged);
  });

  it.each([
    ['different media types', 'video/x-raw', 'image/jpeg'],
    ['different features', 'video/x-raw(memory:NVMM)', 'video/x-raw'],
    ['one field, two values', 'video/x-raw,width=640', 'video/x-raw,width=320'],
    ['one field, a value and a range', 'video/x-raw,width=320', 'video/x-raw,width=[160,640]'],
    ['several structures', 'video/x-raw;video/x-bayer', 'video/x-raw'],
    ['a field without a value', 'video/x-raw,width', 'video/x-raw'],
    ['an unclosed bracket', 'video/x-raw,width=[160,640', 'video/x-raw'],
  ])('%s (%s + %s) are not merged', (_name, first, second) => {
    expect(joinCaps(first, second)).toBeUndefined();
  });
});
