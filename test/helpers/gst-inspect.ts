// gst-inspect-1.0's own output, read with small regexes written here: the independent side that
// the CLI's and the API's answers are checked against.
import { execa } from 'execa';

const ENV = { LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1' };

export interface RawListing {
  plugins: number;
  blacklisted: number;
  features: number;
  /** Plugin names that registered at least one feature. */
  names: Set<string>;
  /** "plugin: feature" pairs as listed. */
  pairs: { plugin: string; feature: string }[];
}

export async function rawListing(): Promise<RawListing> {
  const out = (await execa('gst-inspect-1.0', { env: ENV })).stdout;
  const m = /^Total count: (\d+) plugins?(?: \((\d+) blacklist\D+\))?, (\d+) features?$/m.exec(out)!;
  // "plugin:  feature: description" (one space for typefinders), or "plugin:  feature (GstTracerFactory)" for tracers, device
  // providers and dynamic types.
  const pairs = out.split('\n').flatMap((l) => {
    const p = /^([^:\s]+): +(?:([^:\s]+) \(Gst\w+Factory\)$|(.+?): )/.exec(l);
    return p ? [{ plugin: p[1]!, feature: (p[2] ?? p[3])! }] : [];
  });
  return { plugins: Number(m[1]), blacklisted: Number(m[2] ?? 0), features: Number(m[3]), names: new Set(pairs.map((p) => p.plugin)), pairs };
}

export interface RawElement {
  longName: string;
  pluginName: string;
  pluginVersion: string;
  /** [name, direction, presence] per pad template. */
  pads: [string, string, string][];
  /** Property names as gst-inspect prints them (the lines ending with a colon and a blurb). */
  properties: string[];
}

export async function rawElement(name: string): Promise<RawElement> {
  const out = (await execa('gst-inspect-1.0', [name], { env: ENV })).stdout;
  const field = (label: string) => new RegExp(`^ {2}${label}\\s+(.+)$`, 'm').exec(out)?.[1]?.trim() ?? '';
  const pads = [...out.matchAll(/^ {2}(SRC|SINK) template: '([^']+)'\n {4}Availability: (\w+)/gm)].map((m) => [m[2]!, m[1]!.toLowerCase(), m[3]!.toLowerCase()] as [string, string, string]);
  const propertyBlock = out.split(/^Element Properties:$/m)[1]?.split(/^[A-Z]/m)[0] ?? ''; // up to the next section heading
  const properties = [...propertyBlock.matchAll(/^ {2}([a-z][\w-]*)\s*: /gm)].map((m) => m[1]!);
  return { longName: field('Long-name'), pluginName: field('Name'), pluginVersion: field('Version'), pads, properties };
}
