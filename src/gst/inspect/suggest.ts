// "Did you mean …": the closest real names by edit distance (Damerau: a swap counts as one edit).

// Optimal string alignment distance: insert, delete, substitute, or swap two neighbours.
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

export interface SuggestOptions {
  /** How many names to return at most (default 3). */
  limit?: number;
  /** Largest distance still worth suggesting (default: a third of the name's length, at least 2). */
  maxDistance?: number;
}

// Close names first; a name that contains the query (x264 → x264enc) counts as close too.
export function suggest(name: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const query = name.trim().toLowerCase();
  if (query === '') return [];
  const limit = options.limit ?? 3;
  const maxDistance = options.maxDistance ?? Math.max(2, Math.floor(query.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const c = candidate.toLowerCase();
    if (c === query) continue;
    let score = Math.abs(c.length - query.length) > maxDistance ? Infinity : editDistance(query, c);
    if (query.length >= 3 && c.includes(query)) score = Math.min(score, 1 + (c.length - query.length) / 100);
    if (score <= maxDistance) scored.push({ name: candidate, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.length - y.name.length || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
