import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { ActionItem } from '../../core/actions/action-items.js';

export default class ActionsAssign extends GamedayCommand {
  static override description = withExitCodes('actions assign', `Give an action item an owner (a name or handle). Later runs keep the owner.`);

  static override examples = [{ description: 'Ravi takes it', command: '<%= config.bin %> actions assign detection-1a2b3c4d @ravi --by ana' }];

  static override args = {
    id: Args.string({ description: 'the action item id (or a unique prefix)', required: true }),
    owner: Args.string({ description: 'the new owner', required: true }),
  };

  static override flags = {
    by: Flags.string({ description: 'who assigns it', default: process.env.USER }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<ActionItem & { scenario: string; changed: boolean }> {
    const { args, flags } = await this.parse(ActionsAssign);
    const [{ findActionItem }, { updateActionItems }, { assignItem }, { GamedayError }] = await Promise.all([
      import('../../core/actions/find-action-item.js'),
      import('../../core/actions/action-items-file.js'),
      import('../../core/actions/action-item-edits.js'),
      import('../../core/errors.js'),
    ]);
    const owner = args.owner.trim();
    if (owner === '') throw new GamedayError('USAGE', 'the owner is empty', { hint: 'gameday actions assign <id> <name or handle>' });
    const { scenario, item } = await findActionItem(flags['reports-dir'], args.id);
    const edited = await updateActionItems(flags['reports-dir'], scenario, (file) => {
      const result = assignItem(file, item.id, { owner, at: new Date().toISOString(), ...(flags.by ? { by: flags.by } : {}) });
      return { file: result.file, result };
    });
    this.out(edited.changed ? `${item.id} (${scenario}) now owned by ${owner}` : `${item.id} is already owned by ${owner}`);
    return { scenario, ...edited.item, changed: edited.changed };
  }
}
