import { describe, expect, it } from 'vitest';
import { planAudio, type AudioPlan, type SourceAudio } from '../../../../src/jobs/compress/audio-plan.js';
import type { AudioMode } from '../../../../src/jobs/compress/options.js';
import type { Container } from '../../../../src/pipeline/codecs.js';
import { UsageError } from '../../../../src/errors.js';

// Sources as the probe reports them (codec short name + caps name).
const AAC: SourceAudio = { codecName: 'aac', caps: 'audio/mpeg' };
const MP3: SourceAudio = { codecName: 'mp3', caps: 'audio/mpeg' };
const OPUS: SourceAudio = { codecName: 'opus', caps: 'audio/x-opus' };
const VORBIS: SourceAudio = { codecName: 'vorbis', caps: 'audio/x-vorbis' };
const PCM: SourceAudio = { codecName: 'pcm', caps: undefined };
const SILENT: SourceAudio = { codecName: undefined, caps: undefined };

describe('planAudio', () => {
  it.each<[string, AudioMode, SourceAudio, Container, AudioPlan]>([
    ['auto copies AAC into .mp4', 'auto', AAC, 'mp4', { mode: 'copy', codec: 'aac', caps: 'audio/mpeg,mpegversion=4' }],
    ['auto copies MP3 into .mkv, told apart from AAC by mpegversion=1', 'auto', MP3, 'mkv', { mode: 'copy', codec: 'mp3', caps: 'audio/mpeg,mpegversion=1' }],
    ['auto copies Opus into .webm with its own caps', 'auto', OPUS, 'webm', { mode: 'copy', codec: 'opus', caps: 'audio/x-opus' }],
    ['auto re-encodes AAC for .webm to its first choice, Opus', 'auto', AAC, 'webm', { mode: 'encode', codec: 'opus' }],
    ['auto re-encodes Vorbis for .mp4 to AAC', 'auto', VORBIS, 'mp4', { mode: 'encode', codec: 'aac' }],
    ['auto re-encodes Opus for .flv to AAC', 'auto', OPUS, 'flv', { mode: 'encode', codec: 'aac' }],
    ['auto encodes raw test-source audio to AAC for .ts', 'auto', PCM, 'ts', { mode: 'encode', codec: 'aac' }],
    ['copy keeps Vorbis in .mkv', 'copy', VORBIS, 'mkv', { mode: 'copy', codec: 'vorbis', caps: 'audio/x-vorbis' }],
    ['an explicit codec re-encodes even when the source already has it', 'aac', AAC, 'mp4', { mode: 'encode', codec: 'aac' }],
    ['mp3 into .mov', 'mp3', AAC, 'mov', { mode: 'encode', codec: 'mp3' }],
    ['vorbis into .webm', 'vorbis', AAC, 'webm', { mode: 'encode', codec: 'vorbis' }],
    ['opus into .ts', 'opus', AAC, 'ts', { mode: 'encode', codec: 'opus' }],
    ['none drops the audio', 'none', AAC, 'mp4', { mode: 'none', reason: '--audio none' }],
    ['an input without audio gives none whatever was asked', 'aac', SILENT, 'mp4', { mode: 'none', reason: 'the input has no audio' }],
  ])('%s', (_name, mode, source, container, plan) => {
    expect(planAudio(mode, source, container)).toEqual(plan);
  });

  it.each<[string, AudioMode, SourceAudio, Container, RegExp, RegExp]>([
    ['copy of AAC into .webm', 'copy', AAC, 'webm', /Cannot copy aac audio into \.webm/, /\.webm takes opus, vorbis: use --audio opus/],
    ['copy of raw test audio', 'copy', PCM, 'mp4', /Cannot copy pcm audio into \.mp4/, /use --audio aac/],
    ['opus into .flv', 'opus', AAC, 'flv', /\.flv cannot hold opus audio/, /\.flv takes aac, mp3/],
    ['vorbis into .mp4', 'vorbis', AAC, 'mp4', /\.mp4 cannot hold vorbis audio/, /\.mp4 takes aac, opus, mp3/],
    ['aac into .webm', 'aac', AAC, 'webm', /\.webm cannot hold aac audio/, /\.webm takes opus, vorbis/],
    ['opus into .mov', 'opus', AAC, 'mov', /\.mov cannot hold opus audio/, /\.mov takes aac, mp3/],
  ])('refuses %s with exit 2 and what the container takes', (_name, mode, source, container, message, fix) => {
    let error: unknown;
    try {
      planAudio(mode, source, container);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).fix).toMatch(fix);
  });
});
