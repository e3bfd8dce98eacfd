#!/usr/bin/env node
// `npm run bench`: every bench script in this folder, one after another, in one run.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const order = ['foundation.mjs', 'compress.mjs'];
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
let failed = 0;
for (const script of scripts) {
  const r = spawnSync(process.execPath, [`${here}${script}`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
  console.log('');
}
process.exit(failed > 0 ? 1 : 0);
