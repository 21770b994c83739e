import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { formatFlag } from '../../cli/format-flag.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { ActionItem } from '../../core/actions/action-items.js';
import type { GithubIssue } from '../../report/action-items.js';

export default class ActionsShow extends GamedayCommand {
  static override description = withExitCodes('actions show', `Show one action item: its gap, owner, due date, status, the runbook change that closes it, the evidence, and its history.

\`--format github\` prints the GitHub issue body (Markdown): \`gh issue create --title … --body-file -\`.`);

  static override examples = [
    { description: 'By id (or a unique prefix of it)', command: '<%= config.bin %> actions show detection-1a2b3c4d' },
    { description: 'Open a GitHub issue for it', command: '<%= config.bin %> actions show detection-1a2b3c4d --format github | gh issue create --title "…" --body-file -' },
  ];

  static override args = { id: Args.string({ description: 'the action item id (or a unique prefix)', required: true }) };

  static override flags = {
    format: formatFlag(['text', 'github'], { description: 'text for the terminal, github (the issue body)', default: 'text' }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<ActionItem & { scenario: string; issue?: GithubIssue }> {
    const { args, flags } = await this.parse(ActionsShow);
    const [{ findActionItem }, render] = await Promise.all([import('../../core/actions/find-action-item.js'), import('../../report/action-items.js')]);
    const found = await findActionItem(flags['reports-dir'], args.id);
    const issue = render.actionItemIssue(found);
    this.out(flags.format === 'github' ? issue.body : render.actionItemDetail(found, new Date().toISOString().slice(0, 10)));
    return { scenario: found.scenario, ...found.item, ...(flags.format === 'github' ? { issue } : {}) };
  }
}
