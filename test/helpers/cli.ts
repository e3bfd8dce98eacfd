// Runs the BUILT CLI (bin/lydlr-gst.cjs) as users do, and small helpers for e2e tests.
import { execa, type Options, type ResultPromise } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'lydlr-gst.cjs');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON (only meaningful with --json). */
  json: Record<string, unknown>[];
  result: Record<string, unknown> | undefined;
}

// Runs `lydlr-gst ...args` to completion; never rejects.
export async function cli(args: string[], options: Options = {}): Promise<CliResult> {
  const r = await execa(process.execPath, [BIN, ...args], { reject: false, timeout: 110_000, ...options, env: { NO_COLOR: '1', ...options.env } });
  return toCliResult(r.exitCode ?? -1, String(r.stdout ?? ''), String(r.stderr ?? ''));
}

// Starts the CLI without waiting (for interrupts and servers).
export function spawnCli(args: string[], options: Options = {}): ResultPromise {
  return execa(process.execPath, [BIN, ...args], { reject: false, ...options, env: { NO_COLOR: '1', ...options.env } });
}

export function toCliResult(exitCode: number, stdout: string, stderr: string): CliResult {
  const json = parseNdjson(stdout);
  return { exitCode, stdout, stderr, json, result: json.filter((l) => l.type === 'result').pop() };
}

export function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

// A fresh temporary folder, removed by the returned cleanup.
export function tempDir(prefix = 'lydlr-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempFiles {
  dir: string;
  cleanup: () => void;
  /** Writes `dir/name` (empty unless `text`) and returns its path. */
  file: (name: string, text?: string) => string;
}

// tempDir plus a writer for the small inputs tests hand over (configs, stand-in media files).
export function tempFiles(prefix?: string): TempFiles {
  const { dir, cleanup } = tempDir(prefix);
  const file = (name: string, text = ''): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { dir, cleanup, file };
}

// PIDs of `program` processes (gst-launch-1.0 unless said) whose command line contains `marker`.
export async function gstProcessesWith(marker: string, program = 'gst-launch-1.0'): Promise<number[]> {
  const r = await execa('pgrep', ['-f', `${program}.*${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`], { reject: false });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

// True once the process has its own SIGINT handler (SigCgt in /proc): before gst-launch-1.0 installs it,
// a SIGINT kills it at once instead of becoming an EOS. False when the process is gone.
export function catchesSigint(pid: number): boolean {
  try {
    const caught = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return caught !== undefined && (BigInt(`0x${caught}`) & 2n) !== 0n;
  } catch {
    return false;
  }
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
