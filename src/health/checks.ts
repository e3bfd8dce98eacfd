// From the gathered facts to the list of checks, in the order people read them. Pure: no process here.
import { gstreamerMissing } from '../gst/tools.js';
import { codecCheck, codecMatrix, type CodecRow } from './codec-matrix.js';
import { deepstreamReadiness } from './deepstream-check.js';
import { envChecks } from './env-check.js';
import type { HealthFacts } from './facts.js';
import { toolsCheck } from './gst-tools.js';
import { muxersCheck } from './muxers.js';
import { pluginSetChecks, pluginSetStatus, type PluginSetStatus } from './plugin-sets.js';
import { commandReadiness, notReady, type Readiness } from './readiness.js';
import { describeSystem } from './system-info.js';
import type { Check, CommandReadiness, HealthCommand } from './types.js';
import { healthCommands, needsDeepstream } from './job-needs.js';

export type Scope = HealthCommand | 'all';

export const commandsInScope = (scope: Scope): HealthCommand[] => (scope === 'all' ? healthCommands() : [scope]);

export interface BuiltChecks {
  checks: Check[];
  pluginSets: PluginSetStatus[];
  codecs: CodecRow[];
  commands: Partial<Record<HealthCommand, CommandReadiness>>;
}

export function buildChecks(facts: HealthFacts, scope: Scope): BuiltChecks {
  const tools = toolsCheck({ tools: facts.tools, version: facts.version, listingError: facts.listingError });
  const usable = facts.installed && facts.listing !== undefined;
  const names = new Set((facts.listing?.features ?? []).filter((f) => f.kind === 'element').map((f) => f.name));
  const checks: Check[] = [tools];
  const pluginSets = usable ? pluginSetStatus(new Set(facts.listing!.plugins)) : [];
  const codecs = usable ? codecMatrix(names) : [];
  if (scope === 'all' && usable) {
    checks.push(...pluginSetChecks(pluginSets));
    checks.push(...codecs.map(codecCheck));
    checks.push(muxersCheck(names));
  }
  const commands: BuiltChecks['commands'] = {};
  for (const command of commandsInScope(scope)) {
    const r = readiness(command, facts, usable, names, scope === command, tools);
    commands[command] = r.readiness;
    checks.push(r.check);
  }
  checks.push(...envChecks(facts.env));
  if (scope === 'all') checks.push({ id: 'system', group: 'system', title: 'System', verdict: 'ok', summary: describeSystem(facts.system), details: systemDetails(facts) });
  return { checks, pluginSets, codecs, commands };
}

function readiness(command: HealthCommand, facts: HealthFacts, usable: boolean, names: Set<string>, asked: boolean, tools: Check): Readiness {
  if (needsDeepstream(command) && facts.deepstream) return deepstreamReadiness(facts.deepstream, asked);
  if (!usable) {
    const reason = facts.installed ? 'gst-inspect-1.0 cannot list plugins' : 'GStreamer is not installed';
    return notReady(command, reason, tools.fix ?? gstreamerMissing().fix);
  }
  if (needsDeepstream(command)) {
    const r = notReady(command, `DeepStream status unavailable: ${facts.deepstreamError ?? 'not checked'}`, undefined);
    if (!asked) Object.assign(r, { check: { ...r.check, verdict: 'warn' }, readiness: { ...r.readiness, required: false } });
    return r;
  }
  return commandReadiness(command, names, facts.python);
}

function systemDetails(facts: HealthFacts): string[] {
  const s = facts.system;
  return [
    `OS: ${s.os.name} (${s.os.platform} ${s.os.arch}, kernel ${s.os.kernel})`,
    `CPU: ${s.cpu.model ?? 'unknown'}, ${s.cpu.cores} cores`,
    `Memory: ${(s.memory.totalBytes / 2 ** 30).toFixed(1)} GiB (${(s.memory.freeBytes / 2 ** 30).toFixed(1)} GiB free)`,
    ...(s.gpus.length ? s.gpus.map((g) => `GPU: ${g.vendor}${g.name ? ` ${g.name}` : ''}${g.device ? ` at ${g.device}` : ''}${g.driver ? `, driver ${g.driver}` : ''}`) : ['GPU: none visible (software encoding)']),
    `Node.js ${s.node}`,
  ];
}
