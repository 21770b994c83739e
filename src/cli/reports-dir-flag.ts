import { Flags } from '@oclif/core';

/** Where runs land (reports/<scenario>/<run-id>/); shared by the commands that look runs up. */
export const reportsDirFlag = Flags.string({ description: 'directory holding <scenario>/<run-id>/journal.jsonl run directories', default: 'reports' });
