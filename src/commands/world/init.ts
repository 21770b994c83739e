import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { scenarioSchemaRef } from '../../cli/schema-ref.js';
import { GamedayError } from '../../core/errors.js';
import { compilePlan } from '../../core/plan/compile.js';
import { requireScenario } from '../../core/scenario/load.js';
import { worldDocumentText } from '../../core/world-init/world-document-text.js';
import { worldFromPlans } from '../../core/world-init/world-from-plans.js';
import { crossCheckWorld } from '../../sandbox/world/world-cross-check.js';

export interface WorldInitResult {
  /** Where the world was written; absent when it went to stdout. */
  file?: string;
  world: string;
  resources: { kind: string; name: string }[];
  alarms: string[];
  metrics: string[];
}

export default class WorldInit extends GamedayCommand {
  static override description = withExitCodes('world init', `Write a commented sandbox world holding what the given scenarios reference.

Every fault target resolves to a resource, and every alarm and probe metric exists, so the world
validates and runs as written; point the scenarios' spec.sandbox.world at it, then make traffic,
capacity and alarm thresholds match production.`);

  static override examples = [
    { description: 'A world for two scenarios', command: '<%= config.bin %> world init scenarios/checkout-az-power.yaml scenarios/catalog-cpu-stress.yaml --out scenarios/worlds/mine.yaml' },
    { description: 'Print the world for one scenario', command: '<%= config.bin %> world init scenarios/orders-ecs-task-kill.yaml' },
  ];

  static override strict = false;

  static override args = {
    scenarios: Args.string({ description: 'scenario files the world is for', required: true }),
  };

  static override flags = {
    out: Flags.string({ char: 'o', description: 'file to write (default: print to stdout); never overwritten' }),
  };

  async run(): Promise<WorldInitResult> {
    const { argv, flags } = await this.parse(WorldInit);
    const files = argv as string[];
    const loaded = await Promise.all(files.map((f) => requireScenario(f)));
    const plans = loaded.map(compilePlan);
    const { world, notes } = worldFromPlans(plans);
    const unmet = loaded.flatMap((l, i) => crossCheckWorld(l.scenario, world, flags.out ?? 'the generated world', plans[i]!.template.targets).map((p) => `${l.file}: ${p.path.join('.')}: ${p.message}`));
    if (unmet.length) {
      throw new GamedayError('USAGE', `world init cannot yet model everything these scenarios reference:\n${unmet.map((u) => `  - ${u}`).join('\n')}`, { hint: 'write those parts of the world by hand (docs/sandbox-world.md)' });
    }
    const text = worldDocumentText(world, notes, { schemaRef: scenarioSchemaRef(flags.out ?? 'world.yaml', this.config.version, 'world'), scenarios: loaded.map((l) => l.scenario.metadata.name) });
    const s = world.spec;
    const result: WorldInitResult = {
      world: world.metadata.name,
      resources: [
        ...(s.autoScalingGroups ?? []).map((g) => ({ kind: 'autoScalingGroup', name: g.name })),
        ...(s.instances ?? []).map((i) => ({ kind: 'instance', name: i.id })),
        ...(s.ebsVolumes ?? []).map((v) => ({ kind: 'ebsVolume', name: v.id })),
        ...(s.rdsClusters ?? []).map((c) => ({ kind: 'rdsCluster', name: c.identifier })),
        ...(s.elastiCacheReplicationGroups ?? []).map((c) => ({ kind: 'elastiCacheReplicationGroup', name: c.id })),
        ...(s.ecsClusters ?? []).flatMap((c) => c.services.map((svc) => ({ kind: 'ecsService', name: `${c.name}/${svc.name}` }))),
        ...s.subnets.map((n) => ({ kind: 'subnet', name: n.id })),
        ...(s.iamRoles ?? []).map((r) => ({ kind: 'iamRole', name: r.name })),
      ],
      alarms: s.alarms.map((a) => a.alarmName),
      metrics: s.metrics.map((m) => `${m.namespace} ${m.name}`),
    };
    if (!flags.out) {
      this.out(text);
      return result;
    }
    const { writeFile } = await import('node:fs/promises');
    try {
      await writeFile(flags.out, text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new GamedayError('USAGE', `${flags.out} already exists; world init never overwrites a world`, { hint: 'choose another --out, or delete the file first' });
      throw new GamedayError('FILE_UNREADABLE', `cannot write ${flags.out} (${code ?? (error as Error).message})`);
    }
    this.out(`wrote ${flags.out}; next: set spec.sandbox.world in the scenarios to it and run gameday validate`);
    return { file: flags.out, ...result };
  }
}
