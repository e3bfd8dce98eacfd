// Each target's verdict: plays, remux (container or tag only, no quality loss) or transcode,
// with the reasons and the command that fixes it.
import type { ProbeFacts } from './facts.js';
import { fixFor, type Fix } from './fix-command.js';
import { RULES } from './rules.js';
import type { Problem, Target, Verdict } from './targets.js';

export interface TargetVerdict {
  target: Target;
  verdict: Verdict;
  /** Which streams must be re-encoded (transcode only). */
  transcode: Array<'video' | 'audio'>;
  problems: Problem[];
  fix?: Fix;
}

export function verdictFor(facts: ProbeFacts, target: Target): TargetVerdict {
  const problems = RULES[target](facts);
  const transcode = [...new Set(problems.filter((p) => p.need === 'transcode').map((p) => p.part as 'video' | 'audio'))];
  const verdict: Verdict = transcode.length > 0 ? 'transcode' : problems.some((p) => p.need === 'remux') ? 'remux' : 'plays';
  const fix = fixFor(facts, target, problems);
  return { target, verdict, transcode, problems, ...(fix ? { fix } : {}) };
}
