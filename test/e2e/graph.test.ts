// --graph: the picture of the pipeline that ran, drawn from GStreamer's own dot dump.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { cli, gstProcessesWith, tempDir } from '../helpers/cli.js';
import { makeClip } from '../helpers/media.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';
import { call, startServe, stopAllServes, waitForJob, type Serve } from '../helpers/serve.js';
import { probeStream, startCli } from '../helpers/rtsp.js';

// The SVG's text, read by Python's own XML parser (which refuses a document that is not well-formed).
async function svgTexts(file: string): Promise<string[]> {
  return svgTextsOf(readFileSync(file, 'utf8'));
}

async function svgTextsOf(svg: string): Promise<string[]> {
  const script = 'import sys, xml.dom.minidom as m\nd = m.parse(sys.stdin.buffer)\nprint("\\n".join(t.firstChild.data for t in d.getElementsByTagName("text") if t.firstChild))';
  const r = await execa('/usr/bin/python3', ['-c', script], { input: svg });
  return r.stdout.split('\n');
}

// The element names a gst-launch command line gives (name=…), read from the command the job says it ran.
const namesIn = (gstCommand: unknown): string[] => [...String(gstCommand).matchAll(/(?:^|\s)name=([\w-]+)/g)].map((m) => m[1]!);

// Elements named by hand, so the test knows every name without asking the product.
const NAMED = 'videotestsrc name=src num-buffers=30 ! videoconvert name=conv ! x264enc name=enc speed-preset=ultrafast ! h264parse name=parse ! mp4mux name=mux ! filesink name=sink';

describe('--graph', () => {
  it('launch --graph FILE.svg writes well-formed SVG naming every element and the negotiated H.264 caps on a link', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'pipe line "1".svg');
      const r = await cli(['--json', 'launch', `${NAMED} location=${JSON.stringify(join(dir, 'out.mp4'))}`, '--graph', svg]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.result).toMatchObject({ ok: true, graph: svg });
      const texts = (await svgTexts(svg)).join('\n');
      for (const name of ['src', 'conv', 'enc', 'parse', 'mux', 'sink']) expect(texts).toMatch(new RegExp(`^${name}$`, 'm'));
      // Drawn in PLAYING: the negotiated caps are on the links (codec_data exists only once the
      // encoder has produced its headers; the templates drawn before negotiation have none).
      expect(texts).toContain('video/x-h264');
      expect(texts).toMatch(/codec_data: [0-9a-f]{8}/);
      expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('test --graph FILE.dot writes the dot text GStreamer dumped, with the element names', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dot = join(dir, 'p.dot');
      const r = await cli(['test', 'videotestsrc name=alpha num-buffers=10 ! fakesink name=omega', '--graph', dot]);
      expect(r.exitCode, r.stderr).toBe(0);
      const text = readFileSync(dot, 'utf8');
      expect(text).toMatch(/^digraph pipeline \{/);
      expect(text).toContain('alpha');
      expect(text).toContain('omega');
    } finally {
      cleanup();
    }
  });

  it('a pipeline that fails at run time still leaves its graph (the state at the error), and exits 1', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'err.svg');
      const r = await cli(['launch', 'filesrc name=reader location=/nonexistent ! decodebin name=dec ! fakesink name=sink', '--graph', svg]);
      expect(r.exitCode).toBe(1);
      const texts = (await svgTexts(svg)).join('\n');
      for (const name of ['reader', 'dec', 'sink']) expect(texts).toMatch(new RegExp(`^${name}$`, 'm'));
    } finally {
      cleanup();
    }
  });

  it('compress --graph FILE.svg draws the transcode that ran: source, parsebin, decoder, encoder, parser, stats probe, muxer, sink', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const input = join(dir, 'in clip.mp4');
      // With AAC audio: compress then demuxes with parsebin (named "in") and copies the audio; 8-bit
      // 4:2:0 H.264 is decoded directly by avdec_h264 (no decodebin, no videoconvert; a factory name
      // ending in a digit gets "-N" in the automatic element name).
      await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'mandelbrot=size=160x120:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', input]);
      const svg = join(dir, 'compress.svg');
      const r = await cli(['--json', 'compress', input, join(dir, 'out.mp4'), '--graph', svg]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.result).toMatchObject({ ok: true, graph: svg });
      const texts = (await svgTexts(svg)).join('\n');
      for (const name of [/^filesrc\d+$/, /^in$/, /^aacparse\d+$/, /^avdec_h264-\d+$/, /^x264enc\d+$/, /^h264parse\d+$/, /^lydlr_stats0$/, /^mux$/, /^filesink\d+$/]) {
        expect(texts).toMatch(new RegExp(name.source, 'm'));
      }
    } finally {
      cleanup();
    }
  });

  it('an existing graph file is refused with exit 2 and left as it was', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'keep.svg');
      writeFileSync(svg, 'mine');
      const r = await cli(['launch', 'videotestsrc num-buffers=5 ! fakesink', '--graph', svg]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('already exists');
      expect(readFileSync(svg, 'utf8')).toBe('mine');
    } finally {
      cleanup();
    }
  });

  it('an unknown graph extension is exit 2 naming the formats', async () => {
    const r = await cli(['launch', 'videotestsrc num-buffers=5 ! fakesink', '--graph', '/tmp/x.gif']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('.svg, .png, .dot');
    expect(existsSync('/tmp/x.gif')).toBe(false);
  });
});

describe('graph (draw without running to the end)', () => {
  it('a live pipeline that never ends: drawn once PLAYING as well-formed SVG naming every element and the H.264 caps, then stopped', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'live pipe.svg');
      // No num-buffers: the pipeline runs forever unless the command stops it. The identity's name is
      // this test's own, so the process check below sees no one else's gst-launch-1.0.
      const mark = `mark${process.pid}x${Date.now()}`;
      const live = `videotestsrc name=src is-live=true pattern=ball ! videoconvert name=conv ! x264enc name=enc tune=zerolatency speed-preset=ultrafast ! h264parse name=parse ! identity name=${mark} ! fakesink name=sink`;
      const started = Date.now();
      const r = await cli(['--json', 'graph', live, svg]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(r.result).toMatchObject({ ok: true, graph: svg, format: 'svg', state: 'playing' });
      const texts = (await svgTexts(svg)).join('\n');
      for (const name of ['src', 'conv', 'enc', 'parse', mark, 'sink']) expect(texts).toMatch(new RegExp(`^${name}$`, 'm'));
      expect(texts).toContain('video/x-h264');
      expect(await gstProcessesWith(`name=${mark}`)).toEqual([]);
      expect(readdirSync(dir)).toEqual(['live pipe.svg']);
    } finally {
      cleanup();
    }
  });

  it('FILE.dot: the dot text GStreamer dumped at PLAYING, with the element names', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dot = join(dir, 'p.dot');
      const r = await cli(['graph', 'videotestsrc name=alpha ! videoconvert name=middle ! fakesink name=omega', dot]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${dot}: the pipeline as it was in PLAYING`);
      const text = readFileSync(dot, 'utf8');
      expect(text).toMatch(/^digraph pipeline \{/);
      expect(text).toMatch(/label="<GstPipeline>\\npipeline0\\n\[>\]"/);
      for (const name of ['alpha', 'middle', 'omega']) expect(text).toContain(`\\n${name}\\n`);
    } finally {
      cleanup();
    }
  });

  it('an existing picture is refused (exit 2, left as it was); --overwrite replaces it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dot = join(dir, 'keep.dot');
      writeFileSync(dot, 'mine');
      // A temporary folder of its own: the refusal must leave no dump folder behind.
      const scratch = join(dir, 'tmp');
      mkdirSync(scratch);
      const r = await cli(['graph', 'videotestsrc ! fakesink name=first', dot], { env: { TMPDIR: scratch } });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${dot} already exists.`);
      expect(readFileSync(dot, 'utf8')).toBe('mine');
      expect(readdirSync(scratch)).toEqual([]);
      const again = await cli(['graph', 'videotestsrc ! fakesink name=first', dot, '--overwrite']);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(readFileSync(dot, 'utf8')).toContain('first');
    } finally {
      cleanup();
    }
  });

  it('a description that does not parse: exit 2 with the parser\'s message, nothing written', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'bad.svg');
      const r = await cli(['graph', 'videotestsrc ! ! fakesink', svg]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('Invalid pipeline: syntax error.');
      expect(r.stderr).not.toContain('no pipeline graph');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('an element that is not installed: exit 3 naming it and the Debian package', async () => {
    const plugins = tempDir('lydlr-few-plugins-');
    try {
      // A GStreamer with only the core elements and videotestsrc: x264enc is missing.
      const out = await execa('gst-inspect-1.0', ['coreelements'], { env: { LC_ALL: 'C' } });
      const systemDir = dirname(/Filename\s+(\S+)/.exec(out.stdout)![1]!);
      for (const lib of ['libgstcoreelements.so', 'libgstvideotestsrc.so']) symlinkSync(join(systemDir, lib), join(plugins.dir, lib));
      const env = { GST_PLUGIN_SYSTEM_PATH: plugins.dir, GST_REGISTRY: join(plugins.dir, 'registry.bin') };
      const svg = join(plugins.dir, 'x.svg');
      const r = await cli(['graph', 'videotestsrc ! x264enc ! fakesink', svg], { env });
      expect(r.exitCode).toBe(3);
      expect(r.stderr).toContain('GStreamer element "x264enc" is not installed.');
      expect(r.stderr).toContain('fix: apt-get install -y gstreamer1.0-plugins-ugly');
      expect(existsSync(svg)).toBe(false);
    } finally {
      plugins.cleanup();
    }
  });

  it('a picture name it cannot write: exit 2 before anything runs (extension, missing folder)', async () => {
    const gif = await cli(['graph', 'videotestsrc ! fakesink', '/tmp/x.gif']);
    expect(gif.exitCode).toBe(2);
    expect(gif.stderr).toContain('graph writes .svg, .png, .dot files, got "/tmp/x.gif".');
    const nowhere = await cli(['graph', 'videotestsrc ! fakesink', '/nonexistent-lydlr/p.svg']);
    expect(nowhere.exitCode).toBe(2);
    expect(nowhere.stderr).toContain('The folder of /nonexistent-lydlr/p.svg does not exist.');
  });
});

describe('--graph on hls and record', () => {
  it('hls VOD --graph FILE.svg: the packaging pipeline that ran, every named element, the H.264 and AAC caps, hlssink2', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const input = join(dir, 'in.mp4');
      await makeClip(input, { seconds: 2, audio: true });
      const svg = join(dir, 'hls.svg');
      const r = await cli(['--json', 'hls', input, '-o', join(dir, 'out'), '--graph', svg]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.result).toMatchObject({ ok: true, mode: 'vod', graph: svg });
      const texts = (await svgTexts(svg)).join('\n');
      const names = namesIn(r.result!.gstCommand);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(texts).toMatch(new RegExp(`^${name}$`, 'm'));
      for (const type of ['GstHlsSink2', 'GstX264Enc', 'GstMpegTsMux']) expect(texts).toMatch(new RegExp(`^${type}$`, 'm'));
      expect(texts).toContain('video/x-h264');
      expect(texts).toContain('audio/mpeg');
    } finally {
      cleanup();
    }
  }, 60_000);

  it('hls with an existing --graph file: exit 2 before anything is written (no output folder); --overwrite replaces it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'taken.svg');
      writeFileSync(svg, 'mine');
      const out = join(dir, 'out');
      const r = await cli(['hls', 'test', '-o', out, '--duration', '2', '--graph', svg]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`--graph ${svg} already exists.`);
      expect(readFileSync(svg, 'utf8')).toBe('mine');
      expect(existsSync(out)).toBe(false);
      const again = await cli(['hls', 'test', '-o', out, '--duration', '2', '--graph', svg, '--overwrite']);
      expect(again.exitCode, again.stderr).toBe(0);
      expect((await svgTexts(svg)).join('\n')).toMatch(/^GstHlsSink$/m);
    } finally {
      cleanup();
    }
  }, 60_000);

  it('record --graph: the picture is there while it records (drawn once PLAYING), with splitmuxsink and every named element; Ctrl-C keeps it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'rec.svg');
      const rec = startJsonCli(['record', 'test', '-o', join(dir, 'rec'), '--segment', '1s', '--graph', svg]);
      try {
        await waitUntil('the record picture', () => existsSync(svg));
        expect(rec.child.exitCode).toBeNull();
        const texts = (await svgTexts(svg)).join('\n');
        expect(texts).toMatch(/^GstSplitMuxSink$/m);
        expect(texts).toContain('video/x-h264');
        await rec.waitFor((e) => e.type === 'segment-closed', 20_000, 'a closed segment');
        rec.child.kill('SIGINT');
        expect(await rec.exited).toBe(130);
        // Interrupted (exit 130): the record's fields are the error's data.
        const result = rec.events.find((e) => e.type === 'result') as { ok: boolean; error: Record<string, unknown> };
        expect(result).toMatchObject({ ok: false, error: { name: 'InterruptedError', graph: svg } });
        const names = namesIn(result.error.gstCommand);
        expect(names.length).toBeGreaterThan(0);
        const final = (await svgTexts(svg)).join('\n');
        for (const name of names) expect(final).toMatch(new RegExp(`^${name}$`, 'm'));
      } finally {
        rec.child.kill('SIGKILL');
      }
    } finally {
      cleanup();
    }
  }, 60_000);

  it('thumbnails --graph: the decode pass, with its decoder and multifilesink', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const input = join(dir, 'in.mp4');
      await makeClip(input, { seconds: 2 });
      const svg = join(dir, 'thumbs.svg');
      const r = await cli(['--json', 'thumbnails', input, '-o', join(dir, 'thumbs'), '--count', '2', '--graph', svg]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.result).toMatchObject({ ok: true, graph: svg });
      const texts = (await svgTexts(svg)).join('\n');
      expect(texts).toMatch(/^GstMultiFileSink$/m);
      expect(texts).toMatch(/^GstJpegEnc$/m);
    } finally {
      cleanup();
    }
  }, 60_000);
});

describe('serve: GET jobs/{id}/graph.svg', () => {
  const tmp = tempDir('lydlr-serve-graph-');
  let serve: Serve;
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) => call(serve.url, path, init);

  beforeAll(async () => {
    await makeClip(join(tmp.dir, 'clip.mp4'), { seconds: 2, width: 320, height: 240 });
    // One job at a time: a second one waits in the queue (a job with no picture yet, for certain).
    serve = await startServe(['--max-jobs', '1'], { cwd: tmp.dir });
  }, 120_000);

  afterAll(async () => {
    await stopAllServes();
    tmp.cleanup();
  });

  // serve's folder of job pictures: lydlr-serve-graphs-<its pid>-XXXXXX in the temporary folder.
  const graphFolders = (pid: number | undefined) => readdirSync(tmpdir()).filter((n) => n.startsWith(`lydlr-serve-graphs-${pid}-`));

  it('a compression job that ran: 200 image/svg+xml, well-formed, naming the x264enc of the transcode (and a killed serve\'s folder is gone)', async () => {
    // The folder a serve killed with SIGKILL left behind (a process id that has exited).
    const exited = execa('true');
    const dead = exited.pid!;
    await exited;
    const stale = join(tmpdir(), `lydlr-serve-graphs-${dead}-left`);
    mkdirSync(stale, { recursive: true });
    const created = await api('pipeline/compression/', { json: { input: 'clip.mp4', output: 'out.mp4', preset: 'ultrafast' } });
    expect(created.status).toBe(201);
    const job = await waitForJob(serve.url, created.body.id as string, 'to end');
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    const graph = await api(`jobs/${job.id}/graph.svg`);
    expect(graph.status).toBe(200);
    expect(graph.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const texts = (await svgTextsOf(graph.text)).join('\n');
    expect(texts).toMatch(/^x264enc\d+$/m);
    expect(texts).toMatch(/^GstX264Enc$/m);
    expect(texts).toContain('video/x-h264');
    expect(existsSync(stale)).toBe(false);
    expect(graphFolders(serve.proc.pid)).toHaveLength(1);
  }, 60_000);

  it('404 with a JSON error: an unknown job; a job that runs no pipeline (probe); a queued job has none yet; a running recording has one while it runs', async () => {
    const unknown = await api('jobs/0123456789ab/graph.svg');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, error: { name: 'NotFound' } });

    const probed = await api('probe/', { json: { source: 'clip.mp4' } });
    expect(probed.status).toBe(200);
    const probeJob = probed.headers.get('location')!;
    const none = await call(serve.url, `${probeJob}graph.svg`);
    expect(none.status).toBe(404);
    expect(none.headers.get('content-type')).toContain('application/json');
    expect(none.body.error).toMatchObject({ name: 'NoGraph', kind: 'probe', state: 'succeeded' });
    expect(none.body.error.message).toContain('left no pipeline picture');

    const live = await api('pipeline/record/', { json: { source: 'test', outputDir: 'rec', segment: 1 } });
    const queued = await api('pipeline/record/', { json: { source: 'test', outputDir: 'rec2', segment: 1 } });
    try {
      expect((await api(`jobs/${queued.body.id}/`)).body.state).toBe('queued');
      const waiting = await api(`jobs/${queued.body.id}/graph.svg`);
      expect(waiting.status).toBe(404);
      expect(waiting.body.error).toMatchObject({ name: 'NoGraph', state: 'queued' });
      expect(waiting.body.error.message).toContain('no pipeline picture yet');
      const drawn = await waitUntil('the recording\'s picture', async () => {
        const r = await api(`jobs/${live.body.id}/graph.svg`);
        return r.status === 200 ? r : undefined;
      });
      expect((await api(`jobs/${live.body.id}/`)).body.state).toBe('running');
      expect((await svgTextsOf(drawn.text)).join('\n')).toMatch(/^GstSplitMuxSink$/m);
    } finally {
      await api(`jobs/${queued.body.id}/`, { method: 'DELETE' });
      await api(`jobs/${live.body.id}/`, { method: 'DELETE' });
    }
  }, 90_000);

  it('serve stopped with SIGINT removes its folder of pictures', async () => {
    const pid = serve.proc.pid;
    expect(graphFolders(pid)).toHaveLength(1);
    expect(await serve.stop('SIGINT')).toBe(0);
    expect(graphFolders(pid)).toEqual([]);
  }, 60_000);
});

describe('--graph on the rtsp and webrtc servers (the pipeline in the Python helper)', () => {
  it('rtsp test --graph: no picture before a viewer; once a client plays the mount, the SVG of the shared media names rtph264pay (pay0) and the H.264 caps', async () => {
    const { dir, cleanup } = tempDir();
    const svg = join(dir, 'g.svg');
    const server = startCli(['rtsp', 'test', '--port', '0', '--graph', svg]);
    try {
      const url = String((await server.waitFor((e) => e.type === 'ready')).url);
      // gst-rtsp-server builds the media for its first viewer: nothing to draw until then.
      expect(existsSync(svg)).toBe(false);
      const probed = await probeStream(url);
      expect(probed.codecs, probed.stderr).toContain('h264');
      await waitUntil('the rtsp picture', () => existsSync(svg));
      const texts = (await svgTexts(svg)).join('\n');
      expect(texts).toMatch(/^GstRtpH264Pay$/m);
      expect(texts).toMatch(/^pay0$/m);
      expect(texts).toMatch(/^GstX264Enc$/m);
      expect(texts).toContain('video/x-h264');
      const r = await server.stop('SIGINT');
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.result).toMatchObject({ ok: true, clientsServed: 1, graph: svg });
    } finally {
      server.child.kill('SIGKILL');
      cleanup();
    }
  }, 60_000);

  it('rtsp with an existing --graph file: exit 2 before the server starts, the file kept', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const svg = join(dir, 'taken.svg');
      writeFileSync(svg, 'mine');
      const r = await cli(['rtsp', 'test', '--port', '0', '--graph', svg]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`--graph ${svg} already exists.`);
      expect(readFileSync(svg, 'utf8')).toBe('mine');
    } finally {
      cleanup();
    }
  });

  it('webrtc test --graph FILE.dot: the shared encode once it plays (before any viewer), with its tees and the VP8 caps', async () => {
    const { dir, cleanup } = tempDir();
    const dot = join(dir, 'w.dot');
    const server = startCli(['webrtc', 'test', '--port', '0', '--graph', dot]);
    try {
      await server.waitFor((e) => e.type === 'ready');
      await waitUntil('the webrtc picture', () => existsSync(dot));
      const text = readFileSync(dot, 'utf8');
      expect(text).toMatch(/^digraph pipeline \{/);
      for (const type of ['GstVideoTestSrc', 'GstVP8Enc', 'GstTee']) expect(text).toContain(`label="${type}\\n`);
      expect(text).toContain('video/x-vp8');
      const r = await server.stop('SIGINT');
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.result).toMatchObject({ ok: true, graph: dot });
    } finally {
      server.child.kill('SIGKILL');
      cleanup();
    }
  }, 60_000);
});
