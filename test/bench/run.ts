import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run bench`: runs every benchmark in test/bench/ (not support/), one at a
// time, each in its own Node process; exits non-zero if any of them failed.

const here = dirname(fileURLToPath(import.meta.url));
// Arguments after `npm run bench --` go to every benchmark (e.g. --only=throughput).
const files = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== bench: ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`bench ${file} failed (${r.status ?? r.signal})`); }
}
process.exit(failed ? 1 : 0);
