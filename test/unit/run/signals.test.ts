import { describe, expect, it } from 'vitest';
import { stopCommands } from '../../../src/cli/signals.js';

describe('stopCommands', () => {
  it('names the run directory and the experiment, with the endpoint when there is one', () => {
    expect(stopCommands({ runDir: 'reports/s/r1', experimentId: 'EXP1', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' })).toEqual([
      'gameday abort reports/s/r1 --endpoint-url http://127.0.0.1:4566',
      'aws fis stop-experiment --id EXP1 --region us-east-1 --endpoint-url http://127.0.0.1:4566',
    ]);
  });
  it('says only what is known', () => {
    expect(stopCommands({ runDir: 'reports/s/r1' })).toEqual(['gameday abort reports/s/r1']);
  });
});
