import { describe, expect, it } from 'vitest';
import { applyAliases, snakeToCamel } from '../../../src/api/aliases.js';

const known = new Set(['input', 'output', 'level', 'codec', 'outputDir', 'segmentDuration', 'port', 'mount', 'rtspPort', 'rtspMount', 'playlistName']);

describe('body field aliases', () => {
  it('the earlier API\'s snake_case names (input_source, output_sink, compression_level…) become the command\'s option names', () => {
    const { body, issues } = applyAliases({ input_source: 'a.mp4', output_sink: 'b.webm', compression_level: 0.7, output_dir: 'd', segment_duration: 4, rtsp_port: 8554, mount_point: '/cam' }, known);
    expect(issues).toEqual([]);
    expect(body).toEqual({ input: 'a.mp4', output: 'b.webm', level: 0.7, outputDir: 'd', segmentDuration: 4, port: 8554, mount: '/cam' });
  });

  it('any snake_case or kebab-case name is read in camelCase; camelCase passes as it is', () => {
    expect(applyAliases({ playlist_name: 'x.m3u8', codec: 'vp9', 'output-dir': 'o' }, known).body).toEqual({ playlistName: 'x.m3u8', codec: 'vp9', outputDir: 'o' });
    expect(snakeToCamel('max_files')).toBe('maxFiles');
  });

  it('a job kind maps an earlier API name its own way (deepstream: rtsp_port → rtspPort)', () => {
    expect(applyAliases({ rtsp_port: 8554, mount_point: '/ds' }, known, { rtsp_port: 'rtspPort', mount_point: 'rtspMount' }).body).toEqual({ rtspPort: 8554, rtspMount: '/ds' });
  });

  it('unknown fields and a field given twice are issues, by field', () => {
    const { issues } = applyAliases({ input: 'a', input_source: 'b', colour: 'red' }, known);
    expect(issues).toEqual([
      { field: 'input', message: 'given twice, as "input" and "input_source"' },
      { field: 'colour', message: expect.stringContaining('unknown field') },
    ]);
  });
});
