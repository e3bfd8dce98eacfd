// DeepStream's availability answer as lines for people.
import type { DeepstreamStatus } from '../jobs/deepstream/status.js';

// One line per check; each distinct fix once, under the first check that needs it.
export function deepstreamStatusLines(status: DeepstreamStatus): string[] {
  const head = status.available
    ? `✓ DeepStream ${status.version} is available (${status.path})`
    : `✗ DeepStream is not available${status.version ? ` (version ${status.version} at ${status.path})` : ''}`;
  const lines = [head];
  const fixes = new Set<string>();
  for (const c of status.checks) {
    const mark = c.ok ? (c.found ? '✓' : '–') : '✗';
    const said = c.reason ?? c.detail;
    lines.push(`  ${mark} ${said?.startsWith(c.name) ? said : `${c.name}${said ? `: ${said}` : ''}`}`);
    if (!c.ok && c.fix && !fixes.has(c.fix)) {
      fixes.add(c.fix);
      lines.push(`      fix: ${c.fix}`);
    }
  }
  return lines;
}
