// The "Pad Templates" and "Pads" sections of `gst-inspect-1.0 ELEMENT`.
import { parseCapsBlock } from './caps.js';
import { parseProperties } from './properties.js';
import type { ElementInfo, PadTemplate } from './schema.js';

const DIRECTIONS = { SRC: 'src', SINK: 'sink' } as const;
const PRESENCE: Record<string, PadTemplate['presence']> = { Always: 'always', Sometimes: 'sometimes', 'On request': 'request' };

// Templates start at "  SRC template: 'name'"; caps sit under "Capabilities:", pad properties under "Pad Properties:".
export function parsePadTemplates(lines: string[]): PadTemplate[] {
  const templates: PadTemplate[] = [];
  let mode: 'none' | 'caps' | 'props' = 'none';
  let caps: string[] = [];
  let props: string[] = [];
  const flush = () => {
    const t = templates[templates.length - 1];
    if (t) Object.assign(t, { caps: parseCapsBlock(caps), padProperties: parseProperties(props, 6) });
    caps = [];
    props = [];
  };
  for (const line of lines) {
    const head = /^ {2}(\w+) template: '(.*)'$/.exec(line);
    if (head) {
      flush();
      const direction = DIRECTIONS[head[1] as keyof typeof DIRECTIONS] ?? 'unknown';
      templates.push({ name: head[2]!, direction, presence: 'unknown', caps: { any: false, structures: [] }, padProperties: [] });
      mode = 'none';
      continue;
    }
    const t = templates[templates.length - 1];
    if (!t) continue;
    const field = /^ {4}(Availability|Capabilities|Type|Pad Properties):\s*(.*)$/.exec(line);
    if (field?.[1] === 'Availability') t.presence = PRESENCE[field[2]!] ?? 'unknown';
    else if (field?.[1] === 'Type') t.padType = field[2]!;
    else if (field) mode = field[1] === 'Capabilities' ? 'caps' : 'props';
    else if (mode === 'caps') caps.push(line);
    else if (mode === 'props') props.push(line);
  }
  flush();
  return templates;
}

export function parsePads(lines: string[]): ElementInfo['pads'] {
  const pads: ElementInfo['pads'] = [];
  for (const line of lines) {
    const pad = /^ {2}(\w+): '(.*)'$/.exec(line);
    const tmpl = /^ {4}Pad Template: '(.*)'$/.exec(line);
    if (pad) pads.push({ name: pad[2]!, direction: DIRECTIONS[pad[1] as keyof typeof DIRECTIONS] ?? 'unknown' });
    else if (tmpl && pads.length > 0) pads[pads.length - 1]!.template = tmpl[1]!;
  }
  return pads;
}
