/**
 * A generated world as the YAML a user edits: a header that says what it is and what to do next, and a
 * comment on each part saying which scenario needs it (the notes of worldFromPlans).
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { World } from '../../sandbox/world/types.js';
import type { WorldNotes } from './world-from-plans.js';

export function worldDocumentText(world: World, notes: WorldNotes, options: { schemaRef: string; scenarios: readonly string[] }): string {
  const doc = new Document(world, { aliasDuplicateObjects: false });
  for (const [path, note] of notes) comment(doc, path.split('.'), note);
  const header = [
    `yaml-language-server: $schema=${options.schemaRef}`,
    `Sandbox world (a simulation, not AWS) written by gameday world init for ${options.scenarios.join(', ')}.`,
    'It holds what those scenarios reference, so it validates and runs as written; what it cannot know',
    '(traffic, capacity, the real alarms\' thresholds) is a guess: make it match production.',
    'See docs/sandbox-world.md; then: gameday validate <scenario> and gameday run <scenario> --sandbox.',
  ];
  return `${header.map((l) => `# ${l}`).join('\n')}\n${doc.toString({ lineWidth: 0 })}`;
}

function comment(doc: Document, path: string[], text: string): void {
  const last = path[path.length - 1]!;
  const parent = doc.getIn(path.slice(0, -1).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true) as Node | undefined;
  if (isSeq(parent)) {
    const item = parent.items[Number(last)] as Node | undefined;
    if (item) item.commentBefore = ` ${text}`;
  } else if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    if (pair && isScalar(pair.key)) pair.key.commentBefore = ` ${text}`;
  }
}
