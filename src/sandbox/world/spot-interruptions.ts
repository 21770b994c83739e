import type { WorldModel } from './model.js';

/**
 * A Spot Instance whose interruption notice has run out is interrupted: terminated, the default
 * interruption behaviour (stop and hibernate are not modelled). Its Auto Scaling group replaces it.
 */
export function stepSpotInterruptions(model: WorldModel, now: number): void {
  for (const instance of model.instances.values()) {
    if (instance.interruptAt === undefined || now < instance.interruptAt) continue;
    delete instance.interruptAt;
    if (instance.state === 'running' || instance.state === 'pending') instance.state = 'terminated';
  }
}
