// `chunk split|audio|join`: the steps of a chunked encode (jobs: src/jobs/chunk-*), grouped under one word.
import type { Command } from 'commander';

export function defineChunk(program: Command): void {
  const chunk = program.commands.find((c) => c.name() === 'chunk') ?? program.command('chunk');
  chunk.description('the steps of a chunked encode that `queue add --chunk` hands to workers: split, audio, join');
}
