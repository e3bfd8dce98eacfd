// The pieces a pipeline description is made of, and how each becomes gst-launch tokens.
import { formatProperty, type PropValue, type QuoteMode } from './quote.js';

export interface ElementNode {
  readonly kind: 'element';
  readonly factory: string;
  readonly name?: string | undefined;
  readonly props: Readonly<Record<string, PropValue>>;
}

/** A caps filter between two elements: `video/x-raw,format=I420`. */
export interface CapsNode {
  readonly kind: 'caps';
  readonly caps: string;
}

/** A named element's pad, to link to or from: `mux.` or `mux.video_0`. */
export interface RefNode {
  readonly kind: 'ref';
  readonly name: string;
  readonly pad?: string | undefined;
}

export type PipelineNode = ElementNode | CapsNode | RefNode;
export type Chain = readonly PipelineNode[];

export function element(factory: string, props: Record<string, PropValue | undefined> = {}, name?: string): ElementNode {
  if (!/^[a-z0-9][\w-]*$/i.test(factory)) throw new RangeError(`invalid element factory name: ${factory}`);
  const clean: Record<string, PropValue> = {};
  for (const [key, value] of Object.entries(props)) if (value !== undefined) clean[key] = value;
  return { kind: 'element', factory, name, props: clean };
}

export function caps(text: string): CapsNode {
  if (/\s!\s|^!|!$/.test(text)) throw new RangeError(`invalid caps: ${text}`);
  return { kind: 'caps', caps: text.replace(/,\s+/g, ',') };
}

export function ref(name: string, pad?: string): RefNode {
  return { kind: 'ref', name, pad };
}

// A chain's tokens: nodes separated by "!".
export function chainTokens(chain: Chain, mode: QuoteMode): string[] {
  const tokens: string[] = [];
  chain.forEach((node, i) => {
    if (i > 0) tokens.push('!');
    tokens.push(...nodeTokens(node, mode));
  });
  return tokens;
}

function nodeTokens(node: PipelineNode, mode: QuoteMode): string[] {
  switch (node.kind) {
    case 'element': {
      const props = Object.entries(node.props).map(([k, v]) => formatProperty(k, v, mode));
      return node.name ? [node.factory, formatProperty('name', node.name, mode), ...props] : [node.factory, ...props];
    }
    case 'caps':
      return [node.caps];
    case 'ref':
      return [`${node.name}.${node.pad ?? ''}`];
  }
}
