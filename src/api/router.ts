// The route table: path templates ({id}) matched with or without a trailing slash; a known path
// with another method is a 405 that lists the allowed ones.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteDoc } from './route-doc.js';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** serve has no --token, or the request carried the right one (anonymous routes answer less without it). */
  authorized: boolean;
}

export interface Route {
  method: Method;
  /** Canonical path, as documented (the original Lydlr REST API's trailing slash included): /api/gstreamer/jobs/{id}/ */
  path: string;
  handler: (c: RouteContext) => Promise<void>;
  doc: RouteDoc;
  /** Answered without serve's --token too (a container health check has no secret). */
  anonymous?: boolean;
}

export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: Method[] }
  | { kind: 'not-found' };

interface Compiled {
  route: Route;
  segments: string[];
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(readonly routes: Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: splitPath(route.path) ?? [] }));
  }

  // HEAD is answered as GET (Node drops the body).
  match(method: string, pathname: string): Match {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const segments = splitPath(pathname);
    if (segments === undefined) return { kind: 'not-found' };
    const allowed: Method[] = [];
    for (const { route, segments: template } of this.compiled) {
      const params = matchSegments(template, segments);
      if (!params) continue;
      if (route.method === wanted) return { kind: 'route', route, params };
      if (!allowed.includes(route.method)) allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

// "/a/b/" and "/a/b" → ["a", "b"], each segment percent-decoded; undefined when one cannot be decoded.
export function splitPath(pathname: string): string[] | undefined {
  const trimmed = pathname.replace(/^\/+/, '').replace(/\/$/, '');
  if (trimmed === '') return [];
  try {
    return trimmed.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const a = actual[i]!;
    if (t.startsWith('{') && t.endsWith('}')) {
      if (a === '') return undefined;
      params[t.slice(1, -1)] = a;
    } else if (t !== a) {
      return undefined;
    }
  }
  return params;
}
