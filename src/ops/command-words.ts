// A hook command as argv, split like a shell splits words (quotes and backslashes), but never run
// by a shell: `sh -c '…'` is how a user asks for one.
import { FlagValueError } from '../jobs/flags.js';

export function commandWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'" ? c === "'" : quote === '"' ? c === '"' : false) {
      quote = undefined;
    } else if (!quote && (c === '"' || c === "'")) {
      quote = c;
      word ??= '';
    } else if (c === '\\' && quote !== "'" && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (!quote && /\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new FlagValueError(`unterminated ${quote} quote in the hook command: ${text}`);
  if (word !== undefined) words.push(word);
  if (words.length === 0) throw new FlagValueError('a hook command cannot be empty');
  return words;
}
