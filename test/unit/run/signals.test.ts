import { describe, expect, it } from 'vitest';
import { installInterrupts } from '../../../src/cli/signals.js';
import { interruptReason } from '../../../src/core/run/host.js';
import { stopCommands } from '../../../src/core/run/stop-commands.js';

describe('stopCommands', () => {
  it('names the run directory and the experiment, with the endpoint when there is one', () => {
    expect(stopCommands({ runDir: 'reports/s/r1', experimentId: 'EXP1', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' })).toEqual([
      'gameday abort reports/s/r1 --endpoint-url http://127.0.0.1:4566',
      'gameday halt --region us-east-1 --endpoint-url http://127.0.0.1:4566',
      'aws fis stop-experiment --id EXP1 --region us-east-1 --endpoint-url http://127.0.0.1:4566',
    ]);
  });
  it('says only what is known', () => {
    expect(stopCommands({ runDir: 'reports/s/r1' })).toEqual(['gameday abort reports/s/r1']);
  });
});

describe('installInterrupts', () => {
  const twoSignals = (describe?: { experimentId: string }): string[] => {
    const written: string[] = [];
    const interrupts = installInterrupts((text) => written.push(text));
    try {
      if (describe) interrupts.describe(describe);
      process.emit('SIGTERM', 'SIGTERM');
      expect(interrupts.signal.aborted).toBe(true);
      process.emit('SIGINT', 'SIGINT');
    } finally {
      interrupts.dispose();
    }
    return written;
  };

  it('the first signal aborts the run; the second says what it is still waiting for', () => {
    expect(twoSignals({ experimentId: 'EXP1' })).toEqual([
      '\ngameday: SIGTERM: stopping experiment EXP1; the journal and report follow. (Two more signals force exit.)\n',
      'gameday: still stopping experiment EXP1 and waiting for FIS to confirm; one more signal forces exit without waiting.\n',
    ]);
  });

  it('before any experiment exists, the second signal does not claim to wait for FIS', () => {
    expect(twoSignals()[1]).toBe('gameday: still stopping; one more signal forces exit without waiting.\n');
  });

  it('raise (the live page’s Stop) is the first signal’s stop, with its own reason; pressed again it never escalates to a forced exit', () => {
    const written: string[] = [];
    const interrupts = installInterrupts((text) => written.push(text));
    try {
      interrupts.describe({ runDir: 'reports/s/r1', experimentId: 'EXP1' });
      expect(interrupts.raise('the Stop button on the live page')).toBe('stopping experiment EXP1; the journal and report follow');
      expect(interrupts.signal.aborted).toBe(true);
      expect(interruptReason(interrupts.signal)).toBe('stopped by the Stop button on the live page');
      expect(interrupts.raise('the Stop button on the live page')).toBe('already stopping experiment EXP1; the journal shows when FIS confirms');
      expect(interrupts.raise('the Stop button on the live page')).toBe('already stopping experiment EXP1; the journal shows when FIS confirms');
      expect(written).toEqual(['\ngameday: the Stop button on the live page: stopping experiment EXP1; the journal and report follow.\n']);
      // A Ctrl-C after it counts as the second signal: it says what is still going on.
      process.emit('SIGINT', 'SIGINT');
      expect(written.at(-1)).toBe('gameday: still stopping experiment EXP1 and waiting for FIS to confirm; one more signal forces exit without waiting.\n');
    } finally {
      interrupts.dispose();
    }
  });
});
