// The health report: facts gathered once, judged into checks, and an exit code scripts can rely on.
import { buildChecks, commandsInScope } from './checks.js';
import { gatherFacts, type HealthOptions } from './facts.js';
import type { Check, HealthReport, Verdict } from './types.js';

export type { HealthOptions } from './facts.js';

export async function healthReport(options: HealthOptions = {}): Promise<HealthReport> {
  const started = performance.now();
  const scope = options.for ?? 'all';
  const facts = await gatherFacts(options, commandsInScope(scope));
  const { checks, commands, pluginSets, codecs } = buildChecks(facts, scope);
  const listing = facts.listing;
  const exitCode = exitCodeOf(checks);
  return {
    exitCode,
    ok: exitCode === 0,
    scope,
    gstreamer: { installed: facts.installed, version: facts.version, tools: facts.tools },
    plugins: listing?.totals
      ? {
          total: listing.totals.plugins, listed: listing.plugins.length, featureless: listing.featurelessPlugins,
          blacklisted: listing.totals.blacklisted, features: listing.totals.features, consistent: listing.consistent,
        }
      : null,
    pluginSets,
    codecs,
    commands,
    python: facts.python ?? null,
    deepstream: facts.deepstream ?? null,
    checks,
    counts: countVerdicts(checks),
    fixes: [...new Set(checks.filter((c) => c.verdict !== 'ok' && c.fix).map((c) => c.fix!))],
    system: facts.system,
    durationMs: Math.round(performance.now() - started),
  };
}

// 3 GStreamer missing or unusable · 2 an invalid variable · 1 something required fails · 0 otherwise.
export function exitCodeOf(checks: Check[]): HealthReport['exitCode'] {
  if (checks.some((c) => c.id === 'gstreamer' && c.verdict === 'fail')) return 3;
  if (checks.some((c) => c.group === 'environment' && c.verdict === 'fail')) return 2;
  if (checks.some((c) => c.verdict === 'fail')) return 1;
  return 0;
}

export function countVerdicts(checks: Check[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { ok: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.verdict] += 1;
  return counts;
}
