// STUN/TURN URLs in the three spellings that meet here: ours and webrtcbin's (stun://host:port,
// turn://user:pass@host:port), the browser's RTCIceServer ({urls: "turn:host:port", username,
// credential}) and WHEP's Link header (<turn:host:port>; rel="ice-server"; username=…).

export interface IceServer {
  kind: 'stun' | 'turn' | 'turns';
  host: string;
  port: number;
  username?: string | undefined;
  credential?: string | undefined;
}

/** What a browser's RTCPeerConnection takes. */
export interface BrowserIceServer {
  urls: string;
  username?: string;
  credential?: string;
}

const DEFAULT_PORTS = { stun: 3478, turn: 3478, turns: 5349 } as const;

// "stun://host:port", "stun:host:port", "turn://user:pass@host:port" (also turns://) → IceServer.
export function parseIceUrl(text: string): IceServer | string {
  const m = /^(stun|turns?):(?:\/\/)?(?:([^:@/]*):([^@/]*)@)?(\[[0-9a-f:.]+\]|[^:/?#@[\]]+)(?::(\d{1,5}))?\/?$/i.exec(text.trim());
  if (!m) return `"${text}" is not a STUN or TURN URL (stun://host:port, turn://user:pass@host:port)`;
  const kind = m[1]!.toLowerCase() as IceServer['kind'];
  const port = m[5] !== undefined ? Number(m[5]) : DEFAULT_PORTS[kind];
  if (port < 1 || port > 65535) return `"${text}": port ${port} is out of range`;
  const server: IceServer = { kind, host: m[4]!, port };
  if (kind === 'stun') {
    if (m[2] !== undefined) return `"${text}": a STUN server takes no user name or password`;
    return server;
  }
  if (!m[2] || !m[3]) return `"${text}": a TURN server needs a user name and password (turn://user:pass@host:port)`;
  return { ...server, username: decodeURIComponent(m[2]), credential: decodeURIComponent(m[3]) };
}

// webrtcbin's spelling: stun://host:port, turn://user:pass@host:port.
export function helperIceUrl(server: IceServer): string {
  const auth = server.username !== undefined ? `${encodeURIComponent(server.username)}:${encodeURIComponent(server.credential ?? '')}@` : '';
  return `${server.kind}://${auth}${server.host}:${server.port}`;
}

export function browserIceServer(server: IceServer): BrowserIceServer {
  const urls = `${server.kind}:${server.host}:${server.port}`;
  return server.username !== undefined ? { urls, username: server.username, credential: server.credential ?? '' } : { urls };
}

// One WHEP Link header value (draft-ietf-wish-whep, as WHIP's RFC 9725 §4.6).
export function iceLinkHeader(server: IceServer): string {
  const base = `<${server.kind}:${server.host}:${server.port}>; rel="ice-server"`;
  if (server.username === undefined) return base;
  return `${base}; username="${quoteParam(server.username)}"; credential="${quoteParam(server.credential ?? '')}"; credential-type="password"`;
}

function quoteParam(value: string): string {
  return value.replace(/["\\]/g, (c) => `\\${c}`);
}
