import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../../../src/core/scenario/diagnostics.js';
import { validateFile } from '../../../src/core/validate/validate-file.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** An example scenario with some text replaced, validated from a temporary copy; its world and runbook resolve from ROOT. */
async function validateEdited(example: string, edit: (source: string) => string): Promise<{ source: string; found: { line: number; col: number; message: string }[] }> {
  const source = edit(await readFile(join(ROOT, 'scenarios', example), 'utf8'));
  const dir = await mkdtemp(join(tmpdir(), 'gameday-plan-diag-'));
  const file = join(dir, example);
  await writeFile(file, source);
  const result = await validateFile(file, { cwd: ROOT });
  const found = sortDiagnostics(result.diagnostics.filter((d) => d.code === 'PLAN_INVALID')).map(({ line, col, message }) => ({ line, col, message }));
  return { source, found };
}

/** 1-based line and column of the first occurrence of `text` after the line containing `after`. */
function positionOf(source: string, text: string, after = ''): { line: number; col: number } {
  const lines = source.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const index = lines.findIndex((l, i) => i >= start && l.includes(text));
  if (index < 0) throw new Error(`"${text}" not in the source`);
  return { line: index + 1, col: (lines[index] ?? '').indexOf(text) + 1 };
}

describe('validate compiles each valid scenario: what FIS would reject, at the node to fix', () => {
  it('the examples compile', async () => {
    for (const example of ['checkout-az-power.yaml', 'catalog-cpu-stress.yaml', 'orders-ecs-task-kill.yaml', 'checkout-reboot-fis-template.yaml']) {
      expect((await validateEdited(example, (s) => s)).found, example).toEqual([]);
    }
  });

  it('fis-template: a wrong target key and an unknown parameter point at the action as written', async () => {
    const { source, found } = await validateEdited('checkout-reboot-fis-template.yaml', (s) =>
      s.replace('Instances: web', 'Volumes: web').replace('duration: PT5M', 'durationn: PT5M'),
    );
    expect(found).toEqual([
      { ...positionOf(source, 'web', 'Volumes: web'), message: 'action "Reboot-Instance" (aws:ec2:reboot-instances): unexpected target key "Volumes"; this action takes "Instances"' },
      { ...positionOf(source, 'Volumes: web'), message: 'action "Reboot-Instance" (aws:ec2:reboot-instances): needs a target under "Instances" (aws:ec2:instance)' },
      { ...positionOf(source, 'PT5M', 'durationn'), message: 'action "Watch" (aws:fis:wait): unknown parameter "durationn" — did you mean "duration"?' },
      { ...positionOf(source, 'durationn'), message: 'action "Watch" (aws:fis:wait): needs parameter duration' },
    ].sort((a, b) => a.line - b.line || a.col - b.col));
  });

  it('fis-template: a target of another resource type points at the action\'s target', async () => {
    const { source, found } = await validateEdited('checkout-reboot-fis-template.yaml', (s) => s.replace('resourceType: aws:ec2:instance', 'resourceType: aws:ec2:spot-instance'));
    expect(found).toEqual([
      { ...positionOf(source, 'web', 'Instances: web'), message: 'action "Reboot-Instance" (aws:ec2:reboot-instances): target "web" is aws:ec2:spot-instance; Instances needs aws:ec2:instance' },
    ]);
  });

  it('a compiled fault: the problem points at the fault field it comes from', async () => {
    const { source, found } = await validateEdited('checkout-az-power.yaml', (s) => s.replace(/ {4}launchRoles:\n( {6}- .*\n)+/, ''));
    expect(found).toEqual([{ ...positionOf(source, '[launches'), message: 'fault.include lists "launches" but fault.launchRoles is empty: give the IAM role ARNs the application launches instances with' }]);
  });
});
