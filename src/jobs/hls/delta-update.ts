// LL-HLS Playlist Delta Updates (RFC 8216bis §4.4.3.8, §4.4.5.2, §6.2.5.1): a live playlist advertises
// EXT-X-SERVER-CONTROL:CAN-SKIP-UNTIL=<Skip Boundary>, and a request with _HLS_skip=YES is answered with the
// playlist whose oldest segments (those beyond the Skip Boundary from the end) are replaced by one
// #EXT-X-SKIP:SKIPPED-SEGMENTS=N tag. The client fills them in from the copy it already has.

/** The Skip Boundary in target durations: the smallest the spec allows (at least six). */
export const SKIP_BOUNDARY_TARGET_DURATIONS = 6;

/** #EXT-X-VERSION a playlist with EXT-X-SKIP must declare (RFC 8216bis §7). */
export const SKIP_VERSION = 9;

export function skipBoundary(targetDuration: number): number {
  return SKIP_BOUNDARY_TARGET_DURATIONS * targetDuration;
}

// How many of the oldest `segments` a delta update replaces: every segment that ends at least `boundary`
// seconds before the end of the playlist (its last segment plus the `trailingSeconds` of parts listed after
// it). Counted from the oldest, stopping at the first segment that is too recent, so the skipped ones are
// contiguous and start with the first (§6.2.5.1).
export function skippableSegments(segments: readonly { durationSeconds: number }[], trailingSeconds: number, boundary: number): number {
  let fromEnd = trailingSeconds + segments.reduce((sum, s) => sum + s.durationSeconds, 0);
  let n = 0;
  for (const s of segments) {
    fromEnd -= s.durationSeconds;
    // A microsecond of slack: durations are sums of frame times.
    if (fromEnd + 1e-6 < boundary) break;
    n += 1;
  }
  return n;
}

// _HLS_skip=YES → true; absent → false; anything else is a client error. v2 also asks to skip date ranges
// (CAN-SKIP-DATERANGES), which these playlists neither have nor advertise.
export function readSkipDirective(params: URLSearchParams): boolean | { error: string } {
  const value = params.get('_HLS_skip');
  if (value === null) return false;
  if (value === 'YES') return true;
  if (value === 'v2') return { error: '_HLS_skip=v2 needs CAN-SKIP-DATERANGES, which this server does not offer: use _HLS_skip=YES' };
  return { error: '_HLS_skip takes YES (a delta update)' };
}
