// RTSP URLs as clients should use them.

// The URL a mount will have once served (port 0 is only known at ready).
export function mountUrl(host: string, port: number, path: string): string {
  return `rtsp://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}

// Listening on every interface (0.0.0.0, ::): the URL names the loopback, which always answers.
export function connectableUrl(url: string): string {
  return url.replace(/^rtsp:\/\/(0\.0\.0\.0|\[::\])(?=:)/, (_, any: string) => (any === '0.0.0.0' ? 'rtsp://127.0.0.1' : 'rtsp://[::1]'));
}
