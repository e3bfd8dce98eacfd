// A viewer's SDP offer, read far enough to refuse what webrtcbin cannot answer (HTTP 400) and to
// pick payload types: its m-sections with their payload types, rtpmap and fmtp.

/** The offer cannot be answered; the message is the HTTP 400 body. */
export class OfferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfferError';
  }
}

export interface OfferSection {
  /** The m-line's position in the offer (webrtcbin's sink_<index>). */
  index: number;
  kind: string;
  /** "0": the browser rejected this section. */
  port: string;
  proto: string;
  /** Payload types in the m-line's order (the browser's preference). */
  pts: string[];
  /** pt → encoding name (upper case) and clock rate (0 when the offer gives none). */
  rtpmap: Map<string, { name: string; clock: number }>;
  /** pt → fmtp parameters. */
  fmtp: Map<string, Record<string, string>>;
  /** The section's a= lines without "a=". */
  attrs: string[];
}

export function parseOffer(text: string): OfferSection[] {
  if (!text.trimStart().startsWith('v=')) throw new OfferError('the offer is not an SDP session description (it must start with v=)');
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const sections: OfferSection[] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push(mediaLine(line, sections.length));
    else if (line.startsWith('a=') && sections.length > 0) attribute(sections.at(-1)!, line.slice(2));
  }
  if (sections.length === 0) throw new OfferError('the offer has no media sections (m= lines)');
  // Session level or per section, either is fine: the check is only that there is one at all.
  if (!lines.some((l) => l.startsWith('a=fingerprint:'))) throw new OfferError('the offer has no DTLS fingerprint');
  if (!lines.some((l) => l.startsWith('a=ice-ufrag'))) throw new OfferError('the offer has no ICE credentials (a=ice-ufrag)');
  return sections;
}

function mediaLine(line: string, index: number): OfferSection {
  const parts = line.slice(2).split(/\s+/).filter((p) => p !== '');
  if (parts.length < 4) throw new OfferError(`malformed media line: ${line.slice(0, 80)}`);
  const [kind, port, proto, ...pts] = parts as [string, string, string, ...string[]];
  return { index, kind, port, proto, pts, rtpmap: new Map(), fmtp: new Map(), attrs: [] };
}

// "rtpmap:96 VP8/90000", "fmtp:102 level-asymmetry-allowed=1;packetization-mode=1"
function attribute(section: OfferSection, attr: string): void {
  section.attrs.push(attr);
  if (attr.startsWith('rtpmap:')) {
    const [pt, encoding] = splitOnce(attr.slice(7), ' ');
    const [name, rest] = splitOnce(encoding, '/');
    const clock = rest.split('/')[0]!;
    section.rtpmap.set(pt, { name: name.toUpperCase(), clock: /^\d+$/.test(clock) ? Number(clock) : 0 });
  } else if (attr.startsWith('fmtp:')) {
    const [pt, params] = splitOnce(attr.slice(5), ' ');
    const values: Record<string, string> = {};
    for (const param of params.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
      const [key, value] = splitOnce(param, '=');
      values[key] = value;
    }
    section.fmtp.set(pt, values);
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
