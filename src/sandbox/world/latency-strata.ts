import type { Prng } from './prng.js';

/**
 * Latin hypercube draws for a service's latency samples. A minute's p99 in CloudWatch is over every
 * request of the minute; the sandbox draws a few hundred samples, whose independent p99 wanders about
 * five times as far as an ALB's. Drawn in strata instead — each block of `size` samples (a minute's)
 * takes every dimension's values one from each of `size` equal slices of [0, 1), in a shuffled
 * order — the block's quantiles follow the model's own distribution far more closely (a baseline
 * minute's p99 about as steady as an ALB's), while each sample stays as random as before.
 */
export class LatencyStrata {
  private readonly order: number[][];
  /** The last sample's uniforms: one array, overwritten by each next() (millions of samples a game day). */
  private readonly point: number[];
  private readonly placed = { target: 0, reach: 0, loss: 0 };
  private cursor: number;
  /** The block's own start of the events' sequences. */
  private offset = 0;

  constructor(
    private readonly noise: Prng,
    private readonly size: number,
    dimensions: number,
  ) {
    this.order = Array.from({ length: dimensions }, () => []);
    this.point = new Array<number>(dimensions).fill(0);
    this.cursor = size;
  }

  /** The next sample's uniforms, one per dimension, each in [0, 1) (valid until the next call). */
  next(): readonly number[] {
    if (this.cursor === this.size) this.shuffle();
    const i = this.cursor++;
    for (let d = 0; d < this.order.length; d++) this.point[d] = (this.order[d]![i]! + this.noise.next()) / this.size;
    return this.point;
  }

  /**
   * Where a sample whose spread is `u` goes among `targets` targets, and its uniforms for the rare
   * per-request events there (an impairment reaching it, a packet lost). Each target takes every
   * targets-th slice of the spread, so its own samples span its distribution; the events follow an
   * R2 sequence over the sample's rank on its target, so the few requests a minute they hit still
   * fall evenly from the target's fastest to its slowest. A p99 made by a dozen such requests a
   * minute still wanders about three times as far as an ALB's (docs/sandbox-world.md).
   */
  place(u: number, targets: number): Readonly<{ target: number; reach: number; loss: number }> {
    const slice = Math.floor(u * this.size);
    const target = slice % targets;
    const rank = Math.floor(slice / targets);
    const offset = this.offset + target * GOLDEN;
    this.placed.target = target;
    this.placed.reach = fraction(offset + rank * R2[0]);
    this.placed.loss = fraction(offset * 2 + rank * R2[1]);
    return this.placed;
  }

  private shuffle(): void {
    for (const slices of this.order) {
      slices.length = 0;
      for (let i = 0; i < this.size; i++) slices.push(i);
      for (let i = this.size - 1; i > 0; i--) {
        const j = this.noise.int(i + 1);
        [slices[i], slices[j]] = [slices[j]!, slices[i]!];
      }
    }
    this.offset = this.noise.next();
    this.cursor = 0;
  }
}

const GOLDEN = 0.6180339887498949;
/** Roberts' R2 sequence: 1/g and 1/g² for the plastic number g, the 2-D low-discrepancy steps. */
const R2 = [0.7548776662466927, 0.5698402909980532] as const;
const fraction = (x: number): number => x - Math.floor(x);

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const LOW = 0.02425;

/** The standard normal's quantile: the z with P(Z < z) = p, for p in (0, 1). */
export function normalQuantile(p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (q < LOW || q > 1 - LOW) {
    const r = Math.sqrt(-2 * Math.log(q < LOW ? q : 1 - q));
    const z = (((((C[0]! * r + C[1]!) * r + C[2]!) * r + C[3]!) * r + C[4]!) * r + C[5]!) / ((((D[0]! * r + D[1]!) * r + D[2]!) * r + D[3]!) * r + 1);
    return q < LOW ? z : -z;
  }
  const s = q - 0.5;
  const r = s * s;
  return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * s) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
}
