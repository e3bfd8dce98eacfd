// probe: what a media file holds, and whether it plays in browsers, on Safari/iOS, over WebRTC and
// on a Chromecast, with the reason and the cheapest lydlr-gst command that fixes it.
import { defineJob } from '../spec.js';
import { FlagValueError } from '../flags.js';
import { TARGETS, type Target } from './targets.js';

export interface ProbeFlags {
  for: Target[];
}

function targetList(value: string): Target[] {
  const list = value.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = list.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (list.length === 0 || unknown.length > 0) throw new FlagValueError(`--for takes ${TARGETS.join(', ')} (comma-separated), got "${value}"`);
  return [...new Set(list)] as Target[];
}

export const probe = defineJob({
  command: ['probe'],
  summary: 'what a media file holds, and whether it plays in browsers, Safari, WebRTC and Chromecast (with the fix)',
  args: [{ name: 'source', required: true, help: 'a media file (or a URI gst-discoverer-1.0 can read)' }],
  flags: [{ flags: '--for <targets>', help: `targets to judge, comma-separated: ${TARGETS.join(', ')} (default: all)`, parse: targetList }],
  help: `
Examples:
  $ lydlr-gst probe talk.mp4
  $ lydlr-gst probe talk.mkv --for browser,safari
  $ lydlr-gst probe "my clip.mov" --json | jq '.verdicts[] | {target, verdict, fix: .fix.command}'

Verdicts: plays · remux (container or tag change only, no quality loss) · transcode (which stream, why).
Each verdict that is not "plays" comes with the lydlr-gst command that fixes it. MP4 facts (fast
start, hvc1/hev1, codec strings, key-frame spacing, B-frames) and Matroska/WebM facts (codec strings,
key-frame spacing from the Cues, B-frames when cheap) are read from the file's index, not decoded.`,
  requires: { elements: [], python: [] },
  api: {
    kind: 'probe',
    path: '/probe/',
    summary: 'Facts and a playback verdict per target for a media file: `lydlr-gst probe`',
    tag: 'pipelines',
    body: async () => ({
      fieldTypes: { for: (await import('zod')).z.string().describe(`comma-separated targets: ${TARGETS.join(', ')}`) },
      paths: { files: ['source'] },
      answer: () => 'result',
    }),
  },
  load: async () => (await import('./entry.js')).runProbe,
});
