// Parses `gst-discoverer-1.0 -v URI` output: first into a raw tree of streams, fields and tags
// (by indentation), then into MediaInfo. Pure; odd lines are skipped, never thrown on.
import type { DiscoverOutcome } from './schema.js';
import { toMediaInfo } from './media.js';

export interface RawStream {
  type: string;
  number: number;
  caps: string;
  fields: Record<string, string>;
  tags: Record<string, string>;
}

export interface RawDiscovery {
  uri: string;
  result: DiscoverOutcome['result'];
  message: string | undefined;
  missing: string[];
  properties: Record<string, string>;
  tags: Record<string, string>;
  streams: RawStream[];
}

const RESULTS: [RegExp, DiscoverOutcome['result']][] = [
  [/^An error was encountered while discovering the file$/, 'error'],
  [/^Could not discover URI$/, 'error'],
  [/^URI is not valid$/, 'invalid-uri'],
  [/^Analyzing URI timed out$/, 'timeout'],
  [/^Discoverer was busy$/, 'busy'],
  [/^Missing plugins$/, 'missing-plugins'],
];
// A still picture is listed as "video(image) #0: image/png…": a video stream of image caps.
const STREAM = /^( +)([\w-]+)(?:\(image\))? #(\d+): (.*)$/;
const FIELD = /^( +)([^:]+?): ?(.*)$/;

const indentOf = (line: string): number => line.length - line.trimStart().length;

// The raw tree; `result` stays "unknown" when the tool printed nothing we recognise.
export function parseDiscovererRaw(text: string): RawDiscovery {
  const raw: RawDiscovery = { uri: '', result: 'unknown', message: undefined, missing: [], properties: {}, tags: {}, streams: [] };
  let tagsIndent = -1;
  let skipNext = false;
  let expectMessage = false;
  for (const line of text.split('\n')) {
    if (skipNext) { skipNext = false; continue; }
    if (tagsIndent >= 0 && (line.trim() === '' || indentOf(line) <= tagsIndent)) tagsIndent = -1;
    if (expectMessage && /^ \S/.test(line)) { raw.message = line.trim(); expectMessage = false; continue; }
    expectMessage = false;
    if (line.trim() === '') continue;
    const current = raw.streams[raw.streams.length - 1];
    if (tagsIndent >= 0) { addField(current ? current.tags : raw.tags, line); continue; }
    if (readHeader(raw, line)) { expectMessage = raw.result === 'error' && raw.message === undefined; continue; }
    const stream = STREAM.exec(line);
    if (stream) { raw.streams.push({ type: stream[2]!, number: Number(stream[3]), caps: stream[4]!, fields: {}, tags: {} }); continue; }
    if (/^ +Tags:\s*$/.test(line)) { tagsIndent = indentOf(line); continue; }
    if (/^ +Codec:$/.test(line)) { skipNext = true; continue; }
    const missing = /^ \((.*)\)$/.exec(line);
    if (missing && raw.result === 'missing-plugins') { raw.missing.push(missingDescription(missing[1]!)); continue; }
    addField(current ? current.fields : raw.properties, line);
  }
  if (raw.result === 'unknown' && raw.properties.Duration !== undefined) raw.result = 'ok';
  return raw;
}

// "Analyzing …", "Done discovering …" and the result sentences.
function readHeader(raw: RawDiscovery, line: string): boolean {
  const uri = /^(?:Analyzing|Done discovering) (.+)$/.exec(line);
  if (uri) { raw.uri = uri[1]!; return true; }
  const result = RESULTS.find(([re]) => re.test(line));
  if (result) { raw.result = result[1]; return true; }
  return line === 'Properties:';
}

function addField(target: Record<string, string>, line: string): void {
  const m = FIELD.exec(line);
  if (m && m[2] !== 'None') target[m[2]!.trim()] = m[3]!;
}

// Installer details "gstreamer|1.0|app|H.265 (Main 10 Profile) decoder|decoder-video/x-h265, …" → the description.
function missingDescription(detail: string): string {
  const parts = detail.split('|');
  return parts.length >= 4 ? parts[3]! : detail;
}

// The whole outcome: what happened, GStreamer's message, and the media info when streams were found.
export function parseDiscoverer(text: string, uri?: string, options: { declaredAudio?: boolean } = {}): DiscoverOutcome {
  const raw = parseDiscovererRaw(text);
  if (uri !== undefined && raw.uri === '') raw.uri = uri;
  const hasInfo = raw.properties.Duration !== undefined || raw.streams.length > 0;
  const outcome: DiscoverOutcome = { result: raw.result, missingPlugins: raw.missing, info: hasInfo ? toMediaInfo(raw, options) : null };
  if (raw.message !== undefined) outcome.message = raw.message;
  return outcome;
}
