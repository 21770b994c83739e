import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExperimentCommand, StartExperimentCommand, type Experiment } from '@aws-sdk/client-fis';
import { parseDocument } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { worldPath } from './worlds.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { createRebootTemplate } from '../helpers/reboot-template.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

/** The multi-AZ world, with `fis` settings when given. */
async function world(fis?: Record<string, string>): Promise<string> {
  if (!fis) return worldPath('multi-az-checkout.yaml');
  const doc = parseDocument(await readFile(worldPath('multi-az-checkout.yaml'), 'utf8'));
  doc.setIn(['spec', 'fis'], fis);
  const file = join(await mkdtemp(join(tmpdir(), 'gameday-fis-timing-')), 'world.yaml');
  await writeFile(file, doc.toString());
  return file;
}

/**
 * One reboot through the real FIS client on an embedded sandbox, GetExperiment every `pollSeconds` of
 * virtual time until the action has started: the experiment as FIS reports it then.
 */
async function startReboot(worldFile: string, pollSeconds: number): Promise<Experiment> {
  sandbox = await startSandbox({ world: worldFile, eventClock: true });
  const { fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
  const templateId = await createRebootTemplate(fis);
  const started = (await fis.send(new StartExperimentCommand({ experimentTemplateId: templateId }))).experiment!;
  for (let waited = 0; waited < 120; waited += pollSeconds) {
    await sandbox.waits!.sleep(pollSeconds * 1000);
    const experiment = (await fis.send(new GetExperimentCommand({ id: started.id! }))).experiment!;
    if (experiment.actions?.['reboot']?.startTime) return experiment;
  }
  throw new Error('the action never started');
}

const seconds = (from: Date | undefined, to: Date | undefined) => (to!.getTime() - from!.getTime()) / 1000;

describe('FIS start-to-first-action overhead, from the experiment state machine (pending → initiating → running)', () => {
  it('defaults: startTime about 0.3 s after creationTime, the first action several seconds later, within what AWS shows', async () => {
    const experiment = await startReboot(await world(), 1);
    // AWS CLI start-experiment / get-experiment examples: startTime 0.25–0.35 s after creationTime.
    expect(seconds(experiment.creationTime, experiment.startTime)).toBeGreaterThan(0);
    expect(seconds(experiment.creationTime, experiment.startTime)).toBeLessThanOrEqual(1);
    // Several seconds to the first action, inside the 12.3 s the CLI's example took for a whole reboot experiment.
    const firstAction = seconds(experiment.creationTime, experiment.actions!['reboot']!.startTime);
    expect(firstAction).toBeGreaterThanOrEqual(2);
    expect(firstAction).toBeLessThanOrEqual(12);
  });

  it('follows the world’s spec.fis settings, and not how often the client polls', async () => {
    const settings = { pendingTime: 'PT2S', initiatingTime: 'PT20S' };
    const often = await startReboot(await world(settings), 1);
    await sandbox!.stop();
    const seldom = await startReboot(await world(settings), 45);
    for (const experiment of [often, seldom]) {
      expect(seconds(experiment.creationTime, experiment.startTime)).toBe(2);
      expect(seconds(experiment.creationTime, experiment.actions!['reboot']!.startTime)).toBe(22);
    }
  });
});
