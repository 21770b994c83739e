/**
 * The account's FIS safety lever in this Region (one per account and Region, id "default"): engaged,
 * it stops every running experiment and cancels every new one; while experiments are still stopping
 * it reads "engaging". FIS user guide, "Safety levers for AWS FIS".
 */
import { ServiceError } from '../contracts.js';

export const SAFETY_LEVER_ID = 'default';

export type SafetyLeverStatus = 'disengaged' | 'engaged' | 'engaging';

export class SafetyLever {
  private status: SafetyLeverStatus = 'disengaged';
  private reason: string | undefined;

  constructor(private readonly arn: string) {}

  /** Engaged or engaging: experiments may neither run nor start. */
  get blocksExperiments(): boolean {
    return this.status !== 'disengaged';
  }

  /** What a stopped or cancelled experiment's state.reason says. */
  get stopReason(): string {
    return `Experiment stopped by the safety lever${this.reason ? `: ${this.reason}` : ''}.`;
  }

  /** UpdateSafetyLeverState's state member: {status: engaged | disengaged, reason}, both required. */
  update(state: unknown): void {
    const { status, reason } = (state ?? {}) as { status?: unknown; reason?: unknown };
    if (status !== 'engaged' && status !== 'disengaged') throw new ServiceError('ValidationException', `state.status must be engaged or disengaged, got ${String(status)}.`, 400);
    if (typeof reason !== 'string' || reason.length === 0) throw new ServiceError('ValidationException', 'state.reason is required.', 400);
    const engaging = status === 'engaged';
    if (engaging === this.blocksExperiments) throw new ServiceError('ConflictException', `The safety lever is already ${this.status}.`, 409);
    this.status = engaging ? 'engaging' : 'disengaged';
    this.reason = reason;
  }

  /** After a step: an engaging lever is engaged once no experiment is active any more. */
  settle(anyActive: boolean): void {
    if (this.status === 'engaging' && !anyActive) this.status = 'engaged';
  }

  view(): { id: string; arn: string; state: { status: SafetyLeverStatus; reason?: string } } {
    return { id: SAFETY_LEVER_ID, arn: this.arn, state: { status: this.status, ...(this.reason === undefined ? {} : { reason: this.reason }) } };
  }
}
