import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/schedule/scenarios');

/**
 * A copy of the schedule fixtures with catalog-daily-newyork's spec.schedule extended by `lines`
 * (YAML, indented four spaces): weekdays 10:00 New York = 15:00Z, window PT30M, a game day of PT25M
 * (fault PT10M + watch PT15M), in us-east-1.
 */
export async function catalogScheduleWith(lines: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-schedule-'));
  await cp(FIXTURES, dir, { recursive: true });
  const file = join(dir, 'catalog-daily-newyork.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('    window: PT30M\n', `    window: PT30M\n${lines}`));
  return { dir, file };
}
