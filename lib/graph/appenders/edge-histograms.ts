import { BucketSum, cleanBounds, quantileSorted, sameBounds } from '../../metrics/histogram';
import type { GraphEdge } from '../model';

/**
 * Bucket rates summed per edge. Rows with the usual bounds (every row's, from one mesh-wide bucket layout) add
 * into one flat array, a slice per edge; an edge that meets other bounds moves to its own {@link BucketSum}, which
 * merges by bound. Same arithmetic, in the same order, as one BucketSum per edge, without thousands of them.
 */
export class EdgeHistograms {
  private common: readonly number[] | undefined;
  private slab = new Float64Array(0);
  private readonly offsets = new Map<GraphEdge, number>();
  private readonly others = new Map<GraphEdge, BucketSum>();
  /** Slices handed out (a slice is not reused when its edge moves to a BucketSum). */
  private used = 0;

  /** `maxEdges`: how many edges can take part (sizes the flat array). */
  constructor(private readonly maxEdges: number) {}

  add(e: GraphEdge, les: readonly number[], rates: ArrayLike<number>): void {
    const own = this.others.get(e);
    if (own) {
      own.add(les, rates);
      return;
    }
    if (this.common === undefined && cleanBounds(les)) {
      this.common = les;
      this.slab = new Float64Array(this.maxEdges * les.length);
    }
    const common = this.common;
    let off = this.offsets.get(e);
    if (common === undefined || !sameBounds(les, common) || (off === undefined && this.used >= this.maxEdges)) {
      const sum = new BucketSum();
      if (off !== undefined && common !== undefined) {
        sum.add(common, this.slab.subarray(off, off + common.length));
        this.offsets.delete(e);
      }
      sum.add(les, rates);
      this.others.set(e, sum);
      return;
    }
    if (off === undefined) {
      off = this.used++ * common.length;
      this.offsets.set(e, off);
    }
    const slab = this.slab;
    for (let i = 0; i < common.length; i++) {
      const v = rates[i] as number;
      if (Number.isFinite(v)) slab[off + i] = (slab[off + i] as number) + v;
    }
  }

  /** Calls `fn` with each edge and the φ-quantile of its summed buckets. */
  forEachQuantile(phi: number, fn: (e: GraphEdge, q: number) => void): void {
    const common = this.common;
    if (common !== undefined) for (const [e, off] of this.offsets) fn(e, quantileSorted(phi, common, this.slab.subarray(off, off + common.length)));
    for (const [e, sum] of this.others) fn(e, sum.quantile(phi));
  }
}
