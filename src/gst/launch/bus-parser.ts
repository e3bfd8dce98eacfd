// Turns gst-launch-1.0 -m -v --force-position output, line by line, into typed events.
// Never throws: an unknown line yields nothing. ERROR/WARNING blocks span several lines.
import type { GstEvent } from './events.js';
import { parseClockTime } from './time.js';

const GOT_MESSAGE = /^Got message #\d+ from (?:element|pad|object) "([^"]*)" \(([\w-]+)\): ?(.*)$/;
const BUS_PROBLEM = /^(ERROR|WARNING): from element (\S+?): (.*)$/;
const ERRONEOUS = /^(?:WARNING|ERROR): erroneous pipeline: (.*)$/;
const POSITION = /^(\d+:\d{2}:\d{2}(?:\.\d+)?) \/ (\d+:\d{2}:\d{2}(?:\.\d+)?)(?: \(\s*([\d.]+) ?%\))?/;
const VERBOSE_PROP = /^(\/[^ ]+?): (last-message|caps) = (.*)$/;
const BUFFER_CHAIN = /^chain +\*+ \([^)]*\) \((\d+) bytes, dts: ([^,]*), pts: ([^,]*),/;
const PROBE_EOS = /^event +\*+ \([^)]*\) E \(type: eos \(/;
const STATE_FIELDS = /old-state=\(GstState\)([\w-]+), new-state=\(GstState\)([\w-]+), pending-state=\(GstState\)([\w-]+)/;

interface PendingProblem {
  severity: 'ERROR' | 'WARNING';
  elementPath: string;
  message: string;
  debugLines: string[];
  inDebug: boolean;
}

export class LaunchOutputParser {
  private pending: PendingProblem | undefined;
  private readonly seenProblems = new Set<string>();

  // Parses one line (without its newline or carriage return).
  push(line: string): GstEvent[] {
    if (this.pending) {
      if (line === 'Additional debug info:' && !this.pending.inDebug) {
        this.pending.inDebug = true;
        return [];
      }
      if (this.pending.inDebug && this.pending.debugLines.length < 2 && !isStartOfRecord(line)) {
        this.pending.debugLines.push(line);
        return [];
      }
      const done = this.flush();
      return [...done, ...this.parse(line)];
    }
    return this.parse(line);
  }

  // Emits a problem still waiting for its debug lines (call at end of output).
  flush(): GstEvent[] {
    const p = this.pending;
    if (!p) return [];
    this.pending = undefined;
    const debug = p.debugLines.length > 0 ? p.debugLines.join('\n') : undefined;
    const key = `${p.severity}|${p.elementPath}|${p.message}|${debug ?? ''}`;
    // gst-launch prints the same bus error twice with -m; report each once.
    if (this.seenProblems.has(key)) return [];
    this.seenProblems.add(key);
    const element = elementName(p.elementPath);
    return p.severity === 'ERROR'
      ? [{ type: 'error', kind: 'runtime', element, elementPath: p.elementPath, message: p.message, debug }]
      : [{ type: 'warning', element, elementPath: p.elementPath, message: p.message, debug }];
  }

  private parse(line: string): GstEvent[] {
    const first = line.charCodeAt(0);
    if (first === 71 /* G */) return this.parseGot(line);
    if (first === 47 /* / */) return parseVerbose(line);
    if (first >= 48 && first <= 57) return parsePosition(line);
    if (line.startsWith('ERROR: ') || line.startsWith('WARNING: ')) return this.parseProblem(line);
    if (line.startsWith('Interrupt: ')) return [{ type: 'interrupt' }];
    if (line.startsWith('Execution ended after ')) {
      const seconds = parseClockTime(line.slice('Execution ended after '.length));
      return seconds === undefined ? [] : [{ type: 'ended', executionSeconds: seconds }];
    }
    return [];
  }

  private parseGot(line: string): GstEvent[] {
    if (line.startsWith('Got EOS from element')) return [{ type: 'eos' }];
    const m = GOT_MESSAGE.exec(line);
    if (!m) return [];
    const [, source = '', kind, details = ''] = m;
    switch (kind) {
      case 'state-changed': {
        const s = STATE_FIELDS.exec(details);
        if (!s) return [];
        return [{ type: 'state-changed', element: source, isPipeline: /^pipeline\d*$/.test(source), oldState: s[1]!, newState: s[2]!, pendingState: s[3]! }];
      }
      case 'stream-start':
        return [{ type: 'stream-start', element: source }];
      case 'async-done':
        return [{ type: 'async-done', element: source }];
      case 'new-clock':
        return [{ type: 'new-clock', clock: /\\\(([^\\]+)\\\)/.exec(details)?.[1] ?? details }];
      case 'latency':
        return [{ type: 'latency', element: source }];
      case 'qos':
        return [{ type: 'qos', element: source, details }];
      case 'tag':
        return [{ type: 'tag', element: source, tags: details }];
      case 'buffering': {
        const percent = Number(/buffer-percent=\(int\)(\d+)/.exec(details)?.[1]);
        return Number.isFinite(percent) ? [{ type: 'buffering', element: source, percent }] : [];
      }
      case 'element': {
        const comma = details.indexOf(',');
        const name = (comma < 0 ? details.replace(/;$/, '') : details.slice(0, comma)).trim();
        return [{ type: 'element', element: source, name, fields: comma < 0 ? '' : details.slice(comma + 1).trim() }];
      }
      default:
        // eos is reported by "Got EOS"; error/warning by their own ERROR:/WARNING: blocks.
        return [];
    }
  }

  private parseProblem(line: string): GstEvent[] {
    const erroneous = ERRONEOUS.exec(line);
    if (erroneous) {
      const message = erroneous[1]!;
      const missing = /^no element "([^"]+)"/.exec(message);
      if (missing) return [{ type: 'error', kind: 'no-element', element: missing[1], message }];
      if (message.startsWith('could not link')) return [{ type: 'error', kind: 'link', message }];
      if (message.includes('syntax error') || message.startsWith('no property') || message.includes('could not set property')) {
        return [{ type: 'error', kind: 'syntax', message }];
      }
      return [{ type: 'error', kind: 'other', message }];
    }
    const m = BUS_PROBLEM.exec(line);
    if (!m) return [];
    this.pending = { severity: m[1] as 'ERROR' | 'WARNING', elementPath: m[2]!, message: m[3]!, debugLines: [], inDebug: false };
    return [];
  }
}

function parsePosition(line: string): GstEvent[] {
  const m = POSITION.exec(line);
  if (!m) return [];
  const positionSeconds = parseClockTime(m[1]!);
  if (positionSeconds === undefined) return [];
  const durationSeconds = parseClockTime(m[2]!);
  const percent = m[3] !== undefined && durationSeconds !== undefined ? Number(m[3]) : undefined;
  return [{ type: 'progress', positionSeconds, durationSeconds, percent }];
}

function parseVerbose(line: string): GstEvent[] {
  const m = VERBOSE_PROP.exec(line);
  if (!m) return [];
  const [, path = '', prop, value = ''] = m;
  if (prop === 'caps') {
    const dot = path.lastIndexOf('.');
    if (dot < 0) return [];
    const elementPath = path.slice(0, dot);
    const pad = path.slice(dot + 1).replace(/^Gst\w*Pad:/, '');
    return [{ type: 'caps', elementPath, element: elementName(elementPath) ?? elementPath, pad, caps: value }];
  }
  if (PROBE_EOS.test(value)) return [{ type: 'stream-end', element: elementName(path) ?? path }];
  const chain = BUFFER_CHAIN.exec(value);
  if (!chain) return [];
  const dtsSeconds = parseClockTime(chain[2]!);
  return [{ type: 'buffer', element: elementName(path) ?? path, bytes: Number(chain[1]), ptsSeconds: parseClockTime(chain[3]!), ...(dtsSeconds === undefined ? {} : { dtsSeconds }) }];
}

// "/GstPipeline:pipeline0/GstFileSrc:filesrc0" → "filesrc0".
export function elementName(path: string): string | undefined {
  const last = path.split('/').pop() ?? '';
  const colon = last.indexOf(':');
  return colon < 0 ? (last || undefined) : last.slice(colon + 1) || undefined;
}

function isStartOfRecord(line: string): boolean {
  return line.startsWith('ERROR: ') || line.startsWith('WARNING: ') || line.startsWith('Got ') || line.startsWith('Setting pipeline') || line.startsWith('Execution ended');
}
