// Runs every bench/*.bench.js, one after another, each in its own process (npm run bench).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const { status } = spawnSync(process.execPath, [`${dir}${bench}`], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
