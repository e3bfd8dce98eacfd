// Build step after tsc: ship the Python helpers (with the NDJSON protocol module they import) and
// page assets next to the compiled modules.
import { cpSync, existsSync, mkdirSync } from 'node:fs';

const copies = [
  ['src/server/helper', 'dist/server/helper'],
  ['src/server/assets', 'dist/server/assets'],
];
for (const [from, to] of copies) {
  if (!existsSync(from)) continue;
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true, filter: (p) => !p.includes('__pycache__') && !p.endsWith('.ts') });
}
