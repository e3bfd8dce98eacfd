// Human text for the queue and the worker.
import { Chalk } from 'chalk';
import type { QueueStatus } from '../queue/status.js';
import type { WorkerJobChange, WorkerSummary } from '../queue/worker.js';

export function addedLines(items: { id: string; input: string; added: boolean; output?: string }[], color: boolean): string[] {
  const c = new Chalk({ level: color ? 1 : 0 });
  const fresh = items.filter((i) => i.added).length;
  return [
    ...items.map((i) => `${i.added ? c.green('+') : c.dim('=')} ${i.id}  ${i.input}${i.output ? ` → ${i.output}` : ''}${i.added ? '' : c.dim(' (already queued)')}`),
    `${fresh} job${fresh === 1 ? '' : 's'} added, ${items.length - fresh} already in the queue`,
  ];
}

// Each job's worker command line; a chunked encode's join, then the steps it waits for.
export function dryRunLines(jobs: { id: string; argv?: string[]; steps?: { id: string; argv: string[] }[] }[]): string[] {
  return jobs.flatMap((j) => [
    `${j.id}  ${j.argv?.join(' ') ?? ''}`,
    ...(j.steps ?? []).map((s) => `  ← ${s.id}  ${s.argv.join(' ')}`),
    ...(j.steps ? ['  ← one compress job per chunk, added by the split'] : []),
  ]);
}

export function statusLines(status: QueueStatus, color: boolean): string[] {
  const c = new Chalk({ level: color ? 1 : 0 });
  const counts = Object.entries(status.counts).filter(([, n]) => n > 0).map(([state, n]) => `${state} ${n}`).join(' · ') || 'empty';
  const jobs = status.jobs.map((j) => {
    const progress = j.state === 'active' && j.progress !== undefined ? ` ${j.progress}%` : '';
    const error = j.error ? `\n    ${c.red(j.error)}` : '';
    return `  ${j.state.padEnd(16)} ${j.id}  ${j.input}${progress}${error}`;
  });
  return [`Queue "${status.queue}": ${counts}`, ...jobs];
}

export function retryLines(retried: string[]): string[] {
  return [retried.length === 0 ? 'No failed jobs to retry' : `Retrying ${retried.length} job${retried.length === 1 ? '' : 's'}: ${retried.join(', ')}`];
}

export function cleanLines(removed: Record<string, number>): string[] {
  return [`Removed ${Object.entries(removed).map(([state, n]) => `${n} ${state}`).join(', ')} job(s)`];
}

export function workerChangeMessage(change: WorkerJobChange): string {
  const what = `${change.id} (${change.input})`;
  switch (change.state) {
    case 'active': return `▶ ${what}, attempt ${change.attempt}`;
    case 'completed': return `✓ ${what}`;
    case 'failed': return `✗ ${what}: ${change.error ?? 'failed'}`;
    case 'returned': return `↩ ${what} returned to the queue`;
  }
}

export function workerSummaryLines(summary: WorkerSummary): string[] {
  return [`Worker stopped: ${summary.completed} completed, ${summary.failed} failed attempt(s), ${summary.returned} returned to the queue`];
}
