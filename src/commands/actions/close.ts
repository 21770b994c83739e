import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { ActionItem } from '../../core/actions/action-items.js';

export default class ActionsClose extends GamedayCommand {
  static override description = withExitCodes('actions close', `Close an action item by hand: the change is made. The next game day that finds the gap again reopens it as a regression.

Game days close items themselves when they check the gap and no longer find it.`);

  static override examples = [{ description: 'The alarm now exists', command: '<%= config.bin %> actions close detection-1a2b3c4d --by ana --reason "alarm created in PR #412"' }];

  static override args = { id: Args.string({ description: 'the action item id (or a unique prefix)', required: true }) };

  static override flags = {
    by: Flags.string({ description: 'who closes it', default: process.env.USER }),
    reason: Flags.string({ description: 'what was done' }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<ActionItem & { scenario: string; changed: boolean }> {
    const { args, flags } = await this.parse(ActionsClose);
    const [{ findActionItem }, { updateActionItems }, { closeItem }] = await Promise.all([
      import('../../core/actions/find-action-item.js'),
      import('../../core/actions/action-items-file.js'),
      import('../../core/actions/action-item-edits.js'),
    ]);
    const { scenario, item } = await findActionItem(flags['reports-dir'], args.id);
    const by = flags.by ?? 'someone';
    const edited = await updateActionItems(flags['reports-dir'], scenario, (file) => {
      const result = closeItem(file, item.id, { by, at: new Date().toISOString(), ...(flags.reason ? { reason: flags.reason } : {}) });
      return { file: result.file, result };
    });
    this.out(edited.changed ? `closed ${item.id} (${scenario}) by ${by}` : `${item.id} was already closed${edited.item.closedBy ? ` by ${edited.item.closedBy}` : ''}`);
    return { scenario, ...edited.item, changed: edited.changed };
  }
}
