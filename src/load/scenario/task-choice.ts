/**
 * Which child of a weighted group a visit runs, as a pure function of the visit's number, so that a
 * split run's segments, each picking for its own numbers, together make exactly the picks of the
 * unsplit run (docs/distributed.md, "Weighted tasks").
 *
 * The children are taken one at a time: the first against the rest, then the next against what is
 * left, and so on. Child i, with a share p of the weight still in play, is picked at its level's visit k
 * when floor((k + 1)·p + 1/2) > floor(k·p + 1/2), i.e. its picks among the first k visits are
 * round(k·p): within half a pick of its share at every prefix and within one over any run of
 * consecutive visits. The visits it passes on are numbered k − (its picks so far) for the next level.
 * A child's own visit number (what a nested weighted group below it uses) is its picks so far.
 */

/** The picked child and how many times it was picked before this visit (its own visit number). */
export interface Choice {
  child: number;
  visit: number;
}

/** Picks before visit k of something with share p: round(k·p), evaluated the same way in every process. */
function picksBefore(k: number, p: number): number {
  return Math.floor(k * p + 0.5);
}

/**
 * A weighted group's picks. The children are taken heaviest first (ties in written order), which keeps
 * every child's count within two picks of its share over any run of visits (measured on random weights,
 * test/load/task-choice.test.ts). With no weight left in play (all zero) the first remaining child is taken.
 */
export class WeightedChoice {
  /** Child indices, heaviest first, and their weights in that order. */
  private readonly order: number[];
  private readonly weights: number[];
  private readonly total: number;

  constructor(weights: readonly number[]) {
    this.order = weights.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
    this.weights = this.order.map((i) => weights[i]!);
    this.total = this.weights.reduce((a, w) => a + w, 0);
  }

  /** Visit `k` (0, 1, ...) of the group. */
  pick(k: number): Choice {
    let rest = this.total;
    let visit = k;
    const last = this.weights.length - 1;
    for (let i = 0; i < last; i++) {
      const w = this.weights[i]!;
      if (!(rest > 0)) return { child: this.order[i]!, visit };
      const p = Math.min(1, w / rest);
      const before = picksBefore(visit, p);
      if (picksBefore(visit + 1, p) > before) return { child: this.order[i]!, visit: before };
      visit -= before;
      rest -= w;
    }
    return { child: this.order[last]!, visit };
  }
}

/**
 * The number of a scenario iteration's first visit to its flow. Open model: the arrival's number in
 * the unsplit run (one stream of visits). Closed model: user `id` (1-based, numbered as in the unsplit
 * run) on its `iteration`-th iteration visits id − 1 + iteration, so each user walks the sequence
 * from its own offset and the users' first iterations together cover visits 0 .. users − 1.
 */
export function iterationVisit(arrival: number | undefined, id: number, iteration: number): number {
  return arrival !== undefined ? arrival : id - 1 + iteration;
}
