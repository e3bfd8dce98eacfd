// Flag value parsers for the tool commands' commander options (serve, plugins…): the jobs' own
// parsers, with a refused value reported by commander as bad usage (exit 2).
import { InvalidArgumentError } from 'commander';
import * as values from '../jobs/flags.js';

// A value a flag's parser refuses is bad usage: commander reports InvalidArgumentError as exit 2
// with the parser's own message.
export function cliParser<T>(parse: (value: string) => T) {
  return (value: string): T => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  };
}

export const positiveNumber = (flag: string) => cliParser(values.positiveNumber(flag));
export const positiveInteger = (flag: string) => cliParser(values.positiveInteger(flag));

