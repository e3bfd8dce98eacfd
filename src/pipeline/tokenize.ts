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

// Command-line words → tokens. One word is a whole description ("a ! b"), split like a shell would;
// several words are argv tokens exactly as gst-launch-1.0 takes them (spaces inside stay inside).
export function pipelineTokens(words: string[]): string[] {
  return words.length === 1 ? tokenizePipeline(words[0]!) : words;
}
