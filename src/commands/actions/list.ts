import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { formatFlag } from '../../cli/format-flag.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { GithubIssue, ScenarioItem } from '../../report/action-items.js';

interface ListResult {
  items: (ScenarioItem['item'] & { scenario: string; issue?: GithubIssue })[];
}

export default class ActionsList extends GamedayCommand {
  static override description = withExitCodes('actions list', `List the action items game days opened: one per runbook gap, followed up run after run.

Kept per scenario in <reports-dir>/<scenario>/action-items.json. A run opens an item for each new gap, carries
the open ones it finds again, closes those whose gap it checked and did not find, and reopens (regressed) a
closed one whose gap is back. Open items are listed by default, most severe first.`);

  static override examples = [
    { description: 'Open items of every scenario', command: '<%= config.bin %> actions list' },
    { description: 'Every item of one scenario, closed ones too', command: '<%= config.bin %> actions list orders-ecs-task-kill --status all' },
    { description: 'Issue bodies for GitHub', command: '<%= config.bin %> actions list --format github' },
  ];

  static override args = { scenario: Args.string({ description: 'only this scenario (its metadata.name)' }) };

  static override flags = {
    status: Flags.string({ description: 'which items', options: ['open', 'closed', 'all'], default: 'open' }),
    owner: Flags.string({ description: 'only items of this owner ("unassigned" for those without one)' }),
    format: formatFlag(['text', 'markdown', 'github'], { description: 'text for the terminal, markdown (a table), github (issue bodies)', default: 'text' }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<ListResult> {
    const { args, flags } = await this.parse(ActionsList);
    const [{ actionItemFiles }, render] = await Promise.all([import('../../core/actions/find-action-item.js'), import('../../report/action-items.js')]);
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    const items = (await actionItemFiles(flags['reports-dir'], args.scenario))
      .flatMap((f) => f.items.map((item) => ({ scenario: f.scenario, item })))
      .filter(({ item }) => flags.status === 'all' || item.status === flags.status)
      .filter(({ item }) => flags.owner === undefined || render.ownerText(item) === flags.owner)
      .sort((a, b) => Number(a.item.status === 'closed') - Number(b.item.status === 'closed') || rank[a.item.severity] - rank[b.item.severity] || a.item.due.localeCompare(b.item.due));
    const today = new Date().toISOString().slice(0, 10);
    if (flags.format === 'github') this.out(items.length ? render.actionItemIssues(items) : 'No action items.');
    else if (flags.format === 'markdown') this.out(render.actionItemsMarkdown(items, today));
    else this.out(render.actionItemsText(items, today));
    return { items: items.map((i) => ({ scenario: i.scenario, ...i.item, ...(flags.format === 'github' ? { issue: render.actionItemIssue(i) } : {}) })) };
  }
}
