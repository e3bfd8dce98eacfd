// Splits a pipeline description typed as one string into argv tokens at unquoted whitespace.
// gst-launch re-joins argv with spaces, so the result parses exactly as the original string.
export function tokenizePipeline(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (/\s/.test(c)) {
      if (current) tokens.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

// Command-line words → tokens: each word may itself hold a whole quoted pipeline.
export function pipelineTokens(words: string[]): string[] {
  return words.flatMap((w) => tokenizePipeline(w));
}
